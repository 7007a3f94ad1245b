package io.switchboard.breaker.session;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.switchboard.events.Confirmation;
import io.switchboard.events.Decision;
import io.switchboard.events.Money;

/** Words and links of the questions put to session owners, and of the pauses that go with them. */
public final class Questions {

    private final ConfirmationTokens tokens;
    private final String publicUrl;
    private final Duration answerWindow;

    public Questions(ConfirmationTokens tokens, String publicUrl, Duration answerWindow) {
        this.tokens = tokens;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        this.answerWindow = answerWindow;
    }

    Instant expiry(Instant askedAt) {
        return askedAt.plus(answerWindow);
    }

    /** The page where the owner of this question answers it. */
    public String answerUrl(UUID confirmationId, String sessionId, String userId, Instant askedAt) {
        return publicUrl + "/confirm?token="
                + tokens.issue(new ConfirmationTokens.Claims(confirmationId, sessionId, userId, expiry(askedAt)));
    }

    Confirmation requested(UUID id, SessionState s, String rule, String detail, Instant now) {
        return new Confirmation(id, Confirmation.Kind.REQUESTED, now, s.sessionId(), s.userId(), s.teamId(),
                s.client(), s.models(), s.activeMillis() / 60_000, s.requests(), s.tokens(), s.costMicros(), rule,
                detail, "", "", 0);
    }

    Confirmation expired(SessionState s, Instant now) {
        return step(Confirmation.Kind.EXPIRED, s.pendingId(), s, now);
    }

    Confirmation paused(UUID id, SessionState s, Instant now) {
        return step(Confirmation.Kind.PAUSED, id, s, now);
    }

    private static Confirmation step(Confirmation.Kind kind, UUID id, SessionState s, Instant now) {
        return new Confirmation(id, kind, now, s.sessionId(), s.userId(), s.teamId(), s.client(), s.models(),
                s.activeMillis() / 60_000, s.requests(), s.tokens(), s.costMicros(), s.pendingRule(),
                s.pendingDetail(), "", "", 0);
    }

    Decision pause(UUID id, SessionState s, Instant now) {
        return new Decision(Decision.session(s.sessionId()), Decision.Action.PAUSE, "runaway-session",
                "Switchboard paused this " + describe(s) + " until you confirm it should go on.",
                answerUrl(id, s.sessionId(), s.userId(), s.pendingSince() == null ? now : s.pendingSince()), now,
                null);
    }

    static String describe(SessionState s) {
        return (s.client().isEmpty() || s.client().equals("other") ? "agent" : s.client()) + " session ("
                + hours(s.activeMillis()) + " active, " + s.tokens() + " tokens, " + Money.dollars(s.costMicros())
                + ")";
    }

    static String hours(long millis) {
        long minutes = millis / 60_000;
        return minutes / 60 + " h " + minutes % 60 + " min";
    }
}
