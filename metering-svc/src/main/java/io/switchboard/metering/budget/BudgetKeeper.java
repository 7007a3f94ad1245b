package io.switchboard.metering.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.switchboard.events.BudgetStanding;
import io.switchboard.events.BudgetStanding.Level;
import io.switchboard.events.Decision;
import io.switchboard.events.Money;

/**
 * Counts each subject's spend per UTC day and publishes, as the subject's {@link Decision}, where each of its budgets
 * stands: at once when a charge makes a budget cross a threshold (a blocking decision when it reaches its hard
 * amount), otherwise at most once per {@code standingInterval} while its spend moves, and when a period ends or the
 * budgets change. Runs on the subject-keyed partitions, so a team's spend is counted in one place whichever of its
 * users spent it.
 */
final class BudgetKeeper implements Processor<String, BudgetCharge, String, Decision> {

    /** Keys {@code <subject> NUL <yyyy-mm-dd>}: the subject's spend that day; {@code <subject> NUL through}. */
    static final String DAYS_STORE = "budget-days";
    /** The last decision published per subject. */
    static final String PUBLISHED_STORE = "budget-published";
    /** Days are kept a little longer than the longest period. */
    private static final Duration KEEP_DAYS = Duration.ofDays(40);
    private static final String THROUGH = "through";

    private final BudgetBook book;
    private final Clock clock;
    private final Duration standingInterval;
    private final Set<String> changed = new HashSet<>();
    private ProcessorContext<String, Decision> context;
    private KeyValueStore<String, Long> days;
    private KeyValueStore<String, Decision> published;

    BudgetKeeper(BudgetBook book, Clock clock, Duration standingInterval) {
        this.book = book;
        this.clock = clock;
        this.standingInterval = standingInterval;
    }

    @Override
    public void init(ProcessorContext<String, Decision> context) {
        this.context = context;
        days = context.getStateStore(DAYS_STORE);
        published = context.getStateStore(PUBLISHED_STORE);
        context.schedule(standingInterval, PunctuationType.WALL_CLOCK_TIME, now -> publishMoved());
        context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, now -> forgetOldDays());
    }

    @Override
    public void process(Record<String, BudgetCharge> record) {
        var subject = record.key();
        var charge = record.value();
        var day = dayKey(subject, LocalDate.ofInstant(charge.time(), ZoneOffset.UTC));
        days.put(day, Objects.requireNonNullElse(days.get(day), 0L) + charge.costMicros());
        var through = days.get(subject + '\0' + THROUGH);
        if (through == null || through < charge.timeMillis()) {
            days.put(subject + '\0' + THROUGH, charge.timeMillis());
        }
        if (book.of(subject).isEmpty()) {
            return;
        }
        changed.add(subject);
        var standings = standings(subject, clock.instant());
        if (standings.stream().anyMatch(BudgetStanding::crossed)) {
            publish(subject, standings);
        }
    }

    /** Publishes every subject whose standing moved since it was last published; retracts budgets now gone. */
    private void publishMoved() {
        var subjects = new HashSet<>(changed);
        subjects.addAll(book.all().keySet());
        try (var all = published.all()) {
            all.forEachRemaining(entry -> subjects.add(entry.key));
        }
        changed.clear();
        var now = clock.instant();
        for (var subject : subjects) {
            if (days.get(subject + '\0' + THROUGH) == null) {
                continue; // never charged here: another task's subject, or no spend yet
            }
            if (book.of(subject).isEmpty()) {
                if (published.get(subject) != null) {
                    published.delete(subject);
                    context.forward(new Record<>(subject, null, now.toEpochMilli()));
                }
                continue;
            }
            var standings = standings(subject, now);
            if (moved(standings, published.get(subject))) {
                publish(subject, standings);
            }
        }
    }

    private List<BudgetStanding> standings(String subject, Instant now) {
        var last = published.get(subject);
        var through = Instant.ofEpochMilli(days.get(subject + '\0' + THROUGH));
        var result = new ArrayList<BudgetStanding>();
        for (var budget : book.of(subject)) {
            var start = budget.period().start(now);
            var end = budget.period().end(now);
            long spent = spent(subject, start, end);
            var level = Level.of(budget, spent);
            var before = last == null ? null : last.standing(budget, start);
            boolean crossed = level != Level.OK && (before == null || before.level().compareTo(level) < 0);
            result.add(new BudgetStanding(budget, spent, start, end, through, level, crossed));
        }
        return result;
    }

    private long spent(String subject, Instant start, Instant end) {
        long spent = 0;
        var from = LocalDate.ofInstant(start, ZoneOffset.UTC);
        var to = LocalDate.ofInstant(end, ZoneOffset.UTC);
        try (var range = days.range(dayKey(subject, from), dayKey(subject, to))) {
            while (range.hasNext()) {
                var entry = range.next();
                if (!entry.key.equals(dayKey(subject, to))) {
                    spent += entry.value;
                }
            }
        }
        return spent;
    }

    private static boolean moved(List<BudgetStanding> standings, Decision last) {
        if (last == null) {
            return true;
        }
        if (last.budgets().size() != standings.size()) {
            return true;
        }
        for (var standing : standings) {
            var before = last.standing(standing.budget(), standing.periodStart());
            if (before == null || !before.budget().equals(standing.budget())
                    || before.spentMicros() != standing.spentMicros() || before.level() != standing.level()) {
                return true;
            }
        }
        return false;
    }

    private void publish(String subject, List<BudgetStanding> standings) {
        var now = clock.instant();
        var decision = decide(subject, standings, now);
        published.put(subject, decision);
        context.forward(new Record<>(subject, decision, now.toEpochMilli()));
    }

    /** Blocks while any budget is spent, until the latest of their resets; otherwise allows, saying what is near. */
    static Decision decide(String subject, List<BudgetStanding> standings, Instant now) {
        var worst = standings.stream()
                .max(Comparator.comparing(BudgetStanding::level).thenComparing(BudgetStanding::resetsAt))
                .orElseThrow();
        if (worst.level() == Level.HARD) {
            var budget = worst.budget();
            var message = String.format("The %s budget of %s is spent: %s of %s since %s. Requests are refused "
                    + "until %s; ask your platform team if this work must go on sooner.",
                    budget.period().adjective(), budget.who(), Money.cents(worst.spentMicros()),
                    Money.cents(budget.hardMicros()), worst.periodStart(), worst.resetsAt());
            return new Decision(subject, Decision.Action.BLOCK, Decision.BUDGET, message, "", now, worst.resetsAt(),
                    standings);
        }
        var message = worst.level() == Level.SOFT
                ? String.format("The %s budget of %s is nearly spent: %s of %s since %s.",
                        worst.budget().period().adjective(), worst.budget().who(), Money.cents(worst.spentMicros()),
                        Money.cents(worst.budget().hardMicros() != null
                                ? worst.budget().hardMicros()
                                : worst.budget().softMicros()),
                        worst.periodStart())
                : "";
        return new Decision(subject, Decision.Action.ALLOW, Decision.BUDGET, message, "", now, null, standings);
    }

    private void forgetOldDays() {
        var cutoff = LocalDate.ofInstant(clock.instant().minus(KEEP_DAYS), ZoneOffset.UTC).toString();
        var old = new ArrayList<String>();
        try (var all = days.all()) {
            all.forEachRemaining(entry -> {
                var day = entry.key.substring(entry.key.lastIndexOf('\0') + 1);
                if (!day.equals(THROUGH) && day.compareTo(cutoff) < 0) {
                    old.add(entry.key);
                }
            });
        }
        old.forEach(days::delete);
    }

    private static String dayKey(String subject, LocalDate day) {
        return subject + '\0' + day;
    }
}
