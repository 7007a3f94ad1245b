package io.switchboard.router.identity;

import java.util.Optional;

import io.switchboard.events.Keys;
import io.switchboard.router.routing.RoutingTable;

/** Turns the key a client presents into the caller it belongs to. Keys are only ever compared by SHA-256. */
public final class ApiKeys {

    private ApiKeys() {
    }

    /** The caller of an {@code Authorization: Bearer <key>} header, if the key is known. */
    public static Optional<Caller> authenticate(RoutingTable table, String authorization) {
        return Keys.bearer(authorization).flatMap(key -> table.callerByKeyHash(Keys.sha256Hex(key)));
    }

    /** Whether the header presents one of the routing file's admin keys. */
    public static boolean isAdmin(RoutingTable table, String authorization) {
        return Keys.bearer(authorization).map(key -> table.adminKeyHashes().contains(Keys.sha256Hex(key)))
                .orElse(false);
    }
}
