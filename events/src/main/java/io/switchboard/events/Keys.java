package io.switchboard.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How keys travel and are kept, the same in every service: presented as {@code Authorization: Bearer <key>}, stored
 * and compared only as the lower-case hex of their SHA-256.
 */
public final class Keys {

    private static final String BEARER = "Bearer ";
    /** One digest per thread: finding the algorithm's provider costs more than hashing a key, on every request. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });

    private Keys() {
    }

    /** The key of an {@code Authorization: Bearer <key>} header; empty when there is none. */
    public static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        var key = authorization.substring(BEARER.length()).trim();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    public static String sha256Hex(String key) {
        // digest() resets the digest for its next use
        return HexFormat.of().formatHex(SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
