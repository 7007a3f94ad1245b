package io.switchboard.breaker.session;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An owner's answer, handed from the answer endpoint to the session's stream task on the breaker's internal answers
 * topic, keyed by user like the usage it joins.
 */
@RegisterForReflection
public record SessionAnswer(UUID confirmationId, String sessionId, String userId, boolean proceed, int extraHours,
        Instant time) {
}
