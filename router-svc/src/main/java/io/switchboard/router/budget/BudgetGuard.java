package io.switchboard.router.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import io.switchboard.events.Budget;
import io.switchboard.events.Decision;
import io.switchboard.events.Money;
import io.switchboard.router.routing.Caller;
import io.switchboard.router.routing.RoutingTable;

/**
 * Keeps this replica from spending past a hard budget: before a request goes upstream its worst-case cost is reserved
 * against what this replica may still spend of each hard budget of the caller's user, team and key; after it, the
 * reservation is replaced by the actual cost.
 *
 * <p>
 * What a replica may spend of a budget, its allowance, is its share of what metering last said was left
 * ({@code (hard - spent) / replicas}), minus the costs this replica settled that metering had not counted yet, minus
 * its reservations in flight. Every replica takes the same share of the same standing, so together they cannot
 * reserve more than is left. Costs are held as "not counted yet" until a standing counts events at least
 * {@code countMargin} newer, which covers events of one replica that reach metering out of order. So spend passes a
 * hard limit only where an actual cost exceeds its worst case (a request whose input has more tokens than bytes).
 * The price is that a request is refused when its worst case no longer fits the allowance, though its actual cost may
 * have: near the limit, and on the busiest replica first.
 *
 * <p>
 * Thread-safe: reservations and settlements of all event loops meet here, in short critical sections.
 */
public final class BudgetGuard {

    private final Function<String, Decision> decisions;
    private final IntSupplier replicas;
    private final Duration countMargin;
    private final Map<String, Ledger> ledgers = new HashMap<>();

    /**
     * @param decisions the latest decision of a subject, or {@code null}: its budget standings
     * @param replicas how many router replicas share each budget now; at least 1
     */
    public BudgetGuard(Function<String, Decision> decisions, IntSupplier replicas, Duration countMargin) {
        this.decisions = decisions;
        this.replicas = replicas;
        this.countMargin = countMargin;
    }

    /**
     * Reserves the request's worst-case cost against every hard budget of the caller, or reserves nothing and refuses.
     *
     * @param worstMicros the worst case, asked only when the caller has a hard budget
     * @throws BudgetExceededException when the request's worst case does not fit one of the allowances
     */
    public Reservation reserve(RoutingTable table, Caller caller, LongSupplier worstMicros, Instant now) {
        var subjects = hardBudgeted(table, caller);
        if (subjects.isEmpty()) {
            return Reservation.NONE;
        }
        long worst = worstMicros.getAsLong();
        synchronized (ledgers) {
            for (var subject : subjects) {
                var ledger = ledgers.computeIfAbsent(subject, s -> new Ledger());
                var decision = decisions.apply(subject);
                for (var budget : table.budgets(subject)) {
                    if (budget.hardMicros() != null) {
                        check(budget, ledger, decision, worst, now);
                    }
                }
            }
            var held = new ArrayList<Ledger>(subjects.size());
            for (var subject : subjects) {
                var ledger = ledgers.get(subject);
                ledger.inFlight += worst;
                held.add(ledger);
            }
            return new Reservation(this, held, worst);
        }
    }

    /** Whether the caller's user, team or key has a hard budget. */
    public static boolean hasHardBudget(RoutingTable table, Caller caller) {
        return !hardBudgeted(table, caller).isEmpty();
    }

    private static List<String> hardBudgeted(RoutingTable table, Caller caller) {
        if (table.budgets().isEmpty()) {
            return List.of();
        }
        var subjects = new ArrayList<String>(3);
        for (var subject : subjects(caller)) {
            if (table.budgets(subject).stream().anyMatch(b -> b.hardMicros() != null)) {
                subjects.add(subject);
            }
        }
        return subjects;
    }

    private void check(Budget budget, Ledger ledger, Decision decision, long worstMicros, Instant now) {
        var start = budget.period().start(now);
        var standing = decision == null ? null : decision.standing(budget, start);
        long spent = standing == null ? 0 : standing.spentMicros();
        if (standing != null) {
            ledger.forgetCountedThrough(standing.countedThrough().minus(countMargin).toEpochMilli());
        }
        long share = Math.max(0, budget.hardMicros() - spent) / Math.max(1, replicas.getAsInt());
        long left = share - ledger.settledSince(start.toEpochMilli()) - ledger.inFlight;
        if (worstMicros > left) {
            var resets = budget.period().end(now);
            throw new BudgetExceededException(String.format("This request may cost up to %s (its input and its "
                    + "max_tokens of output at the model's price), more than is left of the %s budget of %s "
                    + "(%s of %s spent). Send a smaller request or a lower max_tokens, or wait until %s when the "
                    + "budget resets.", Money.cents(worstMicros), budget.period().adjective(),
                    budget.who(), Money.cents(spent), Money.cents(budget.hardMicros()),
                    resets), resets);
        }
    }

    private static List<String> subjects(Caller caller) {
        return caller.team().isEmpty()
                ? List.of("user:" + caller.user(), "key:" + caller.keyId())
                : List.of("user:" + caller.user(), "team:" + caller.team(), "key:" + caller.keyId());
    }

    /** What this replica has reserved and settled for one subject. */
    private static final class Ledger {

        long inFlight;
        /** Settled costs metering may not have counted yet: {time millis, cost micros}, oldest first. */
        final ArrayDeque<long[]> settled = new ArrayDeque<>();

        void settle(long reserved, long costMicros, long timeMillis) {
            inFlight -= reserved;
            var last = settled.peekLast();
            if (last != null && last[0] == timeMillis) {
                last[1] += costMicros;
            } else if (costMicros > 0) {
                settled.addLast(new long[]{timeMillis, costMicros});
            }
        }

        void forgetCountedThrough(long millis) {
            while (!settled.isEmpty() && settled.peekFirst()[0] <= millis) {
                settled.removeFirst();
            }
        }

        long settledSince(long millis) {
            long sum = 0;
            for (var entry : settled) {
                if (entry[0] >= millis) {
                    sum += entry[1];
                }
            }
            return sum;
        }
    }

    /** A request's reservation: settled once, with what the request actually cost. */
    public static final class Reservation {

        /** For callers with no hard budget. */
        public static final Reservation NONE = new Reservation(null, List.of(), 0);

        private final BudgetGuard guard;
        private final List<Ledger> ledgers;
        private final long reserved;
        private boolean settled;

        private Reservation(BudgetGuard guard, List<Ledger> ledgers, long reserved) {
            this.guard = guard;
            this.ledgers = ledgers;
            this.reserved = reserved;
        }

        /** Replaces the reservation by the request's cost, which metering will count at {@code time}. */
        public void settle(long costMicros, Instant time) {
            if (guard == null) {
                return;
            }
            synchronized (guard.ledgers) {
                if (settled) {
                    return;
                }
                settled = true;
                for (var ledger : ledgers) {
                    ledger.settle(reserved, costMicros, time.toEpochMilli());
                }
            }
        }
    }
}
