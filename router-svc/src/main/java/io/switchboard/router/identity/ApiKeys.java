package io.switchboard.router.identity;

import java.util.Optional;

import io.switchboard.events.Keys;
import io.switchboard.router.routing.Caller;
import io.switchboard.router.routing.RoutingTable;
import io.vertx.core.MultiMap;

/** Turns the key a client presents into the caller it belongs to. Keys are only ever compared by SHA-256. */
public final class ApiKeys {

    private ApiKeys() {
    }

    /**
     * The caller of a request's key, if the key is known: {@code Authorization: Bearer <key>} (OpenAI clients and the
     * Anthropic SDK) or {@code x-api-key: <key>} (Claude Code and other Anthropic clients).
     */
    public static Optional<Caller> authenticate(RoutingTable table, MultiMap headers) {
        var key = Keys.bearer(headers.get("authorization"));
        if (key.isEmpty()) {
            key = Optional.ofNullable(headers.get("x-api-key")).map(String::strip).filter(k -> !k.isEmpty());
        }
        return key.flatMap(k -> table.callerByKeyHash(Keys.sha256Hex(k)));
    }

    /** Whether the header presents one of the routing file's admin keys. */
    public static boolean isAdmin(RoutingTable table, String authorization) {
        return Keys.bearer(authorization).map(key -> table.adminKeyHashes().contains(Keys.sha256Hex(key)))
                .orElse(false);
    }
}
