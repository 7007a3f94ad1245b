package io.switchboard.events;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A cap on what one subject ({@code user:<id>}, {@code team:<id>} or {@code key:<id>}) may spend per period: crossing
 * {@code softMicros} notifies, reaching {@code hardMicros} blocks until the period ends. Either may be absent, not
 * both. Written in the routing file, read by the router (to reserve against it) and by metering (to count against it).
 *
 * @param webhook where crossings are announced, empty for metering's default webhook
 */
public record Budget(String subject, Period period, Long softMicros, Long hardMicros, String webhook) {

    public Budget {
        if (subject == null || !subject.matches("(user|team|key):.+")) {
            throw new IllegalArgumentException("a budget's subject is user:<id>, team:<id> or key:<id>, not '"
                    + subject + "'");
        }
        if (period == null) {
            throw new IllegalArgumentException("budget " + subject + " needs a period: day, week or month");
        }
        if (softMicros == null && hardMicros == null) {
            throw new IllegalArgumentException("budget " + subject + " needs a soft or a hard amount (USD)");
        }
        if (softMicros != null && hardMicros != null && softMicros > hardMicros) {
            throw new IllegalArgumentException("budget " + subject + ": the soft amount is above the hard one");
        }
        webhook = webhook == null ? "" : webhook;
    }

    /** A budget as written: amounts in US dollars ({@code "500"}, {@code "0.25"}), period by name. */
    public static Budget of(String subject, String period, String softDollars, String hardDollars, String webhook) {
        return new Budget(subject, Period.named(period, subject), micros(softDollars, subject),
                micros(hardDollars, subject), webhook);
    }

    /**
     * Budgets by subject.
     *
     * @throws IllegalArgumentException when a subject has two budgets of one period
     */
    public static Map<String, List<Budget>> bySubject(List<Budget> budgets) {
        var bySubject = new HashMap<String, List<Budget>>();
        for (var budget : budgets) {
            var ofSubject = bySubject.computeIfAbsent(budget.subject(), s -> new ArrayList<>());
            if (ofSubject.stream().anyMatch(b -> b.period() == budget.period())) {
                throw new IllegalArgumentException("two " + budget.period().adjective() + " budgets for "
                        + budget.subject());
            }
            ofSubject.add(budget);
        }
        bySubject.replaceAll((subject, list) -> List.copyOf(list));
        return Map.copyOf(bySubject);
    }

    /** Identifies the budget among those of its subject, which has at most one per period. */
    public String id() {
        return subject + "/" + period.label();
    }

    /** The subject as people read it: {@code team:platform} as {@code team platform}. */
    public String who() {
        return subject.replaceFirst(":", " ");
    }

    /** The first of the soft and the hard amount: where spending first becomes noteworthy. */
    public long firstThreshold() {
        return softMicros != null ? softMicros : hardMicros;
    }

    private static Long micros(String dollars, String subject) {
        if (dollars == null || dollars.isBlank()) {
            return null;
        }
        try {
            var amount = new BigDecimal(dollars.trim().replaceFirst("^\\$", ""));
            if (amount.signum() <= 0) {
                throw new IllegalArgumentException("budget " + subject + ": amounts must be above zero");
            }
            return amount.movePointRight(6).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("budget " + subject + ": '" + dollars
                    + "' is not an amount of US dollars (at most 6 decimals)");
        }
    }

    /** A budget period, in UTC: a day, an ISO week (from Monday), or a calendar month. */
    public enum Period {

        DAY, WEEK, MONTH;

        @JsonCreator
        public static Period named(String name) {
            return named(name, "a budget");
        }

        static Period named(String name, String subject) {
            if (name != null) {
                for (var period : values()) {
                    if (period.label().equalsIgnoreCase(name.trim())) {
                        return period;
                    }
                }
            }
            throw new IllegalArgumentException(subject + ": the period is day, week or month, not '" + name + "'");
        }

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Where the period holding {@code time} begins. */
        public Instant start(Instant time) {
            var day = LocalDate.ofInstant(time, ZoneOffset.UTC);
            var first = switch (this) {
                case DAY -> day;
                case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> day.withDayOfMonth(1);
            };
            return first.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        /** Where the period holding {@code time} ends: when its budget resets. */
        public Instant end(Instant time) {
            var first = LocalDate.ofInstant(start(time), ZoneOffset.UTC);
            var next = switch (this) {
                case DAY -> first.plusDays(1);
                case WEEK -> first.plusWeeks(1);
                case MONTH -> first.plusMonths(1);
            };
            return next.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        /** {@code daily}, {@code weekly}, {@code monthly}: for messages to people. */
        public String adjective() {
            return this == DAY ? "daily" : label() + "ly";
        }
    }
}
