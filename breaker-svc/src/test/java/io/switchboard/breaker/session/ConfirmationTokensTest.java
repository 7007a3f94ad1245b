package io.switchboard.breaker.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ConfirmationTokensTest {

    private final ConfirmationTokens tokens = new ConfirmationTokens("a-secret-of-enough-length");
    private final Instant now = Instant.parse("2026-11-21T12:00:00Z");
    private final ConfirmationTokens.Claims claims = new ConfirmationTokens.Claims(UUID.randomUUID(), "sess-1",
            "alice", now.plusSeconds(3600));

    @Test
    void aTokenCarriesItsClaimsUntilItExpires() {
        var token = tokens.issue(claims);

        assertThat(tokens.verify(token, now)).contains(claims);
        assertThat(tokens.verify(token, now.plusSeconds(3600))).isEmpty();
    }

    @Test
    void forgedAndTamperedTokensAreRefused() {
        var token = tokens.issue(claims);
        var otherSecret = new ConfirmationTokens("another-secret-of-length").issue(claims);
        var forUser = tokens.issue(new ConfirmationTokens.Claims(claims.confirmationId(), "sess-1", "mallory",
                claims.expiresAt()));
        var tampered = forUser.substring(0, forUser.indexOf('.')) + token.substring(token.indexOf('.'));

        assertThat(tokens.verify(otherSecret, now)).isEmpty();
        assertThat(tokens.verify(tampered, now)).isEmpty();
        assertThat(tokens.verify("garbage", now)).isEmpty();
        assertThat(tokens.verify("a.b", now)).isEmpty();
        assertThat(tokens.verify(null, now)).isEmpty();
        assertThatThrownBy(() -> new ConfirmationTokens("short")).hasMessageContaining("at least 16");
    }
}
