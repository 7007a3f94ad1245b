package io.switchboard.breaker.session;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the tokens of answer links: {@code <claims>.<HMAC-SHA256 of the claims>}, both base64url, the
 * claims naming the question, its session and owner, and when the token expires. Whoever holds a valid token may
 * answer that one question, once.
 */
public final class ConfirmationTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public ConfirmationTokens(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("switchboard.breaker.token-secret must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String issue(Claims claims) {
        var payload = ENCODER.encodeToString((claims.confirmationId() + "|" + claims.sessionId() + "|"
                + claims.userId() + "|" + claims.expiresAt().getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENCODER.encodeToString(sign(payload));
    }

    /** The claims of a token that is genuine and not expired; empty for anything else. */
    public Optional<Claims> verify(String token, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        var payload = token.substring(0, dot);
        try {
            if (!MessageDigest.isEqual(sign(payload), DECODER.decode(token.substring(dot + 1)))) {
                return Optional.empty();
            }
            var parts = new String(DECODER.decode(payload), StandardCharsets.UTF_8).split("\\|", -1);
            var claims = new Claims(UUID.fromString(parts[0]), parts[1], parts[2],
                    Instant.ofEpochSecond(Long.parseLong(parts[3])));
            return now.isBefore(claims.expiresAt()) ? Optional.of(claims) : Optional.empty();
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String payload) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** What a token lets its holder do: answer this question about this session of this user, until then. */
    public record Claims(UUID confirmationId, String sessionId, String userId, Instant expiresAt) {
    }
}
