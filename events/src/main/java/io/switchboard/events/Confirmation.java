package io.switchboard.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One step of a runaway-session confirmation, published on {@link Topics#CONFIRMATIONS} keyed by session id: the
 * question put to the session's owner, the pause while it is open, their answer (continue allows the session, stop
 * blocks it), or its expiry. The topic is the audit trail.
 *
 * @param id the confirmation this step belongs to (the question's id, kept by its answer)
 * @param rule which rule the session crossed ({@code duration}, {@code burn-rate}, {@code loop})
 * @param answer for {@link Kind#ANSWERED}: {@code continue} or {@code stop}; else empty
 * @param answeredBy for {@link Kind#ANSWERED}: the user or admin who answered
 * @param extraHours for a {@code continue}: the hours granted before the session is asked again
 */
public record Confirmation(UUID id, Kind kind, Instant time, String sessionId, String userId, String teamId,
        String client, List<String> models, long activeMinutes, long requests, long tokens, long costMicros,
        String rule, String detail, String answer, String answeredBy, int extraHours) {

    public Confirmation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(sessionId, "sessionId");
        userId = Objects.requireNonNullElse(userId, "");
        teamId = Objects.requireNonNullElse(teamId, "");
        client = Objects.requireNonNullElse(client, "");
        models = models == null ? List.of() : List.copyOf(models);
        rule = Objects.requireNonNullElse(rule, "");
        detail = Objects.requireNonNullElse(detail, "");
        answer = Objects.requireNonNullElse(answer, "");
        answeredBy = Objects.requireNonNullElse(answeredBy, "");
    }

    /** Whether the question still waits for an answer. */
    public boolean open() {
        return kind == Kind.REQUESTED || kind == Kind.PAUSED;
    }

    public enum Kind {
        /** The owner is asked whether the session should go on. */
        REQUESTED,
        /** The session is paused while the question is open (a pause decision went out). */
        PAUSED,
        /** The owner (or an admin) answered. */
        ANSWERED,
        /** Nobody answered in time. */
        EXPIRED
    }
}
