package io.switchboard.metering.access;

/** Who is asking: an admin key sees all spend; a virtual key only its own user's. */
public sealed interface Access {

    record Admin(String keyId) implements Access {
    }

    record Engineer(String keyId, String user, String team) implements Access {
    }
}
