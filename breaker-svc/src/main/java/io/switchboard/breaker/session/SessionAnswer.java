package io.switchboard.breaker.session;

import java.time.Instant;
import java.util.UUID;

/**
 * An owner's answer, handed from the answer endpoint to the session's stream task on the breaker's internal answers
 * topic, keyed by user like the usage it joins.
 */
public record SessionAnswer(UUID confirmationId, String sessionId, String userId, boolean proceed, int extraHours,
        Instant time) {
}
