package io.switchboard.events;

import java.time.Instant;
import java.util.Objects;

/**
 * What every router replica must do with requests of one subject, published on {@link Topics#DECISIONS} keyed by
 * {@link #subject()}. The topic is compacted: the latest decision per subject holds, and a tombstone (null value)
 * clears it.
 *
 * @param subject {@code session:<id>}, {@code user:<id>}, {@code key:<id>} or {@code team:<id>}
 * @param message what the person behind the requests is told, in their tool (why, and where to go)
 * @param confirmUrl where to answer, empty when there is nothing to answer
 * @param expiresAt when the decision stops applying, or {@code null} for never
 */
public record Decision(String subject, Action action, String reason, String message, String confirmUrl,
        Instant issuedAt, Instant expiresAt) {

    public Decision {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(action, "action");
        reason = Objects.requireNonNullElse(reason, "");
        message = Objects.requireNonNullElse(message, "");
        confirmUrl = Objects.requireNonNullElse(confirmUrl, "");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    public static String session(String id) {
        return "session:" + id;
    }

    /** Whether requests of the subject are refused at this moment. */
    public boolean refuses(Instant now) {
        return action != Action.ALLOW && (expiresAt == null || now.isBefore(expiresAt));
    }

    public enum Action {
        /** Serve requests. */
        ALLOW,
        /** Refuse requests until the owner answers. */
        PAUSE,
        /** Refuse requests. */
        BLOCK
    }
}
