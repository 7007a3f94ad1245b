package io.switchboard.events;

import java.time.Instant;
import java.util.List;
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
 * @param budgets where the subject's budgets stand (reason {@value #BUDGET}), empty for other decisions
 */
public record Decision(String subject, Action action, String reason, String message, String confirmUrl,
        Instant issuedAt, Instant expiresAt, List<BudgetStanding> budgets) {

    /** The reason of decisions about budgets, published by metering. */
    public static final String BUDGET = "budget";

    public Decision {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(action, "action");
        reason = Objects.requireNonNullElse(reason, "");
        message = Objects.requireNonNullElse(message, "");
        confirmUrl = Objects.requireNonNullElse(confirmUrl, "");
        Objects.requireNonNull(issuedAt, "issuedAt");
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
    }

    public Decision(String subject, Action action, String reason, String message, String confirmUrl,
            Instant issuedAt, Instant expiresAt) {
        this(subject, action, reason, message, confirmUrl, issuedAt, expiresAt, List.of());
    }

    public static String session(String id) {
        return "session:" + id;
    }

    /** The standing of {@code budget} in the period that starts at {@code periodStart}, or {@code null}. */
    public BudgetStanding standing(Budget budget, Instant periodStart) {
        for (var standing : budgets) {
            if (standing.budget().id().equals(budget.id()) && standing.periodStart().equals(periodStart)) {
                return standing;
            }
        }
        return null;
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
