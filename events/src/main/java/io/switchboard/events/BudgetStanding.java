package io.switchboard.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Where one budget stands in its current period, as metering counted it: carried by the {@link Decision} of the
 * budget's subject so that every router replica knows what is left.
 *
 * @param spentMicros spend counted in the period
 * @param countedThrough the newest event time counted for the subject: spend that happened later is not in
 *        {@code spentMicros} yet
 * @param crossed whether this standing is the one that reached {@code level} (the moment to notify)
 */
public record BudgetStanding(Budget budget, long spentMicros, Instant periodStart, Instant resetsAt,
        Instant countedThrough, Level level, boolean crossed) {

    public BudgetStanding {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(resetsAt, "resetsAt");
        Objects.requireNonNull(countedThrough, "countedThrough");
        Objects.requireNonNull(level, "level");
    }

    /** How far a budget's spend has come. */
    public enum Level {

        /** Below every threshold. */
        OK,
        /** At or past the soft amount: notified, still served. */
        SOFT,
        /** At or past the hard amount: refused until the period ends. */
        HARD;

        public static Level of(Budget budget, long spentMicros) {
            if (budget.hardMicros() != null && spentMicros >= budget.hardMicros()) {
                return HARD;
            }
            return budget.softMicros() != null && spentMicros >= budget.softMicros() ? SOFT : OK;
        }
    }
}
