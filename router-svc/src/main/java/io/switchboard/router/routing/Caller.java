package io.switchboard.router.routing;

/** Who a virtual key belongs to. */
public record Caller(String keyId, String user, String team) {
}
