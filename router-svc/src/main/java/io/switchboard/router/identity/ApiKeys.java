package io.switchboard.router.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import io.switchboard.router.routing.RoutingTable;

/** Turns the key a client presents into the caller it belongs to. Keys are only ever compared by SHA-256. */
public final class ApiKeys {

    private static final String BEARER = "Bearer ";

    private ApiKeys() {
    }

    /** The caller of an {@code Authorization: Bearer <key>} header, if the key is known. */
    public static Optional<Caller> authenticate(RoutingTable table, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        var key = authorization.substring(BEARER.length()).trim();
        return key.isEmpty() ? Optional.empty() : table.callerByKeyHash(sha256Hex(key));
    }

    public static String sha256Hex(String key) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
