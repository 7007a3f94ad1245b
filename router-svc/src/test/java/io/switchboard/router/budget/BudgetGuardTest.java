package io.switchboard.router.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.switchboard.events.Budget;
import io.switchboard.events.BudgetStanding;
import io.switchboard.events.Decision;
import io.switchboard.router.routing.BreakerPolicy;
import io.switchboard.router.routing.Caller;
import io.switchboard.router.routing.RetryPolicy;
import io.switchboard.router.routing.RoutingTable;

class BudgetGuardTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final Caller ALICE = new Caller("alice-key", "alice", "payments");
    private static final Budget TEAM = Budget.of("team:payments", "month", "8", "10", "");

    private final Map<String, Decision> decisions = new HashMap<>();

    @Test
    void eachReplicaReservesItsShareOfWhatIsLeft() {
        var guard = new BudgetGuard(decisions::get, () -> 2, Duration.ofSeconds(2));
        var table = table(TEAM);
        var first = guard.reserve(table, ALICE, () -> 3_000_000, NOW);
        assertThatThrownBy(() -> guard.reserve(table, ALICE, () -> 3_000_000, NOW))
                .as("3 + 3 is more than this replica's half of $10")
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("monthly budget of team payments ($0.00 of $10.00 spent)")
                .extracting(e -> ((BudgetExceededException) e).resetsAt())
                .isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        first.settle(1_000_000, NOW);
        first.settle(1_000_000, NOW);
        // $1 settled (once), not counted by metering yet: $4 left
        guard.reserve(table, ALICE, () -> 4_000_000, NOW);
        assertThatThrownBy(() -> guard.reserve(table, ALICE, () -> 1, NOW)).isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void theShareFollowsTheReplicasCountedNow() {
        // given: one replica, then an autoscaler adds three more
        var replicas = new AtomicInteger(1);
        var guard = new BudgetGuard(decisions::get, replicas::get, Duration.ofSeconds(2));
        var table = table(TEAM);
        guard.reserve(table, ALICE, () -> 6_000_000, NOW).settle(0, NOW);

        // when
        replicas.set(4);

        // then: this replica may reserve a quarter of the $10 left, no more
        var quarter = guard.reserve(table, ALICE, () -> 2_500_000, NOW);
        assertThatThrownBy(() -> guard.reserve(table, ALICE, () -> 1, NOW)).isInstanceOf(BudgetExceededException.class);
        quarter.settle(0, NOW);
        replicas.set(2);
        guard.reserve(table, ALICE, () -> 5_000_000, NOW);
    }

    @Test
    void aSettledCostCountsUntilMeteringHasCountedNewerEvents() {
        var guard = new BudgetGuard(decisions::get, () -> 1, Duration.ofSeconds(2));
        var table = table(TEAM);
        guard.reserve(table, ALICE, () -> 2_000_000, NOW).settle(2_000_000, NOW);
        // metering counted $2 but only events up to a second after it: the cost may still be in flight to it
        standing(TEAM, 2_000_000, NOW.plusSeconds(1));
        assertThatThrownBy(() -> guard.reserve(table, ALICE, () -> 6_500_000, NOW)).as("10 - 2 - 2 = 6 left")
                .isInstanceOf(BudgetExceededException.class);
        // now metering has counted well past it: the $2 is in its figure and no longer counted twice
        standing(TEAM, 2_000_000, NOW.plusSeconds(3));
        guard.reserve(table, ALICE, () -> 8_000_000, NOW);
    }

    @Test
    void aStandingOfAnEndedPeriodLeavesTheWholeBudget() {
        var guard = new BudgetGuard(decisions::get, () -> 1, Duration.ofSeconds(2));
        var october = new BudgetStanding(TEAM, 9_900_000, Instant.parse("2026-10-01T00:00:00Z"),
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-10-31T23:59:00Z"),
                BudgetStanding.Level.SOFT, false);
        decisions.put("team:payments", new Decision("team:payments", Decision.Action.ALLOW, Decision.BUDGET, "", "",
                NOW, null, List.of(october)));
        guard.reserve(table(TEAM), ALICE, () -> 9_000_000, NOW);
    }

    @Test
    void callersWithoutHardBudgetsReserveNothing() {
        var guard = new BudgetGuard(decisions::get, () -> 1, Duration.ofSeconds(2));
        var softOnly = Budget.of("team:payments", "month", "1", null, "");
        assertThat(guard.reserve(table(softOnly), ALICE, () -> Long.MAX_VALUE / 4, NOW))
                .isSameAs(BudgetGuard.Reservation.NONE);
        assertThat(guard.reserve(table(), ALICE, () -> Long.MAX_VALUE / 4, NOW)).isSameAs(BudgetGuard.Reservation.NONE);
        assertThat(BudgetGuard.hasHardBudget(table(softOnly), ALICE))
                .as("a soft budget alone: served while standings are unknown")
                .isFalse();
        assertThat(BudgetGuard.hasHardBudget(table(TEAM), ALICE)).isTrue();
    }

    @Test
    void concurrentRequestsNeverSpendPastTheLimit() throws Exception {
        var guard = new BudgetGuard(decisions::get, () -> 1, Duration.ofSeconds(2));
        var table = table(Budget.of("key:alice-key", "day", null, "1", ""));
        var spent = new AtomicLong();
        var refused = new AtomicLong();
        var pool = Executors.newFixedThreadPool(8);
        var tasks = new ArrayList<Future<?>>();
        for (int t = 0; t < 8; t++) {
            tasks.add(pool.submit(() -> {
                var random = ThreadLocalRandom.current();
                for (int i = 0; i < 2_000; i++) {
                    long worst = random.nextLong(1, 2_000);
                    try {
                        var reservation = guard.reserve(table, ALICE, () -> worst, NOW);
                        long actual = random.nextLong(0, worst + 1);
                        spent.addAndGet(actual);
                        reservation.settle(actual, NOW);
                    } catch (BudgetExceededException e) {
                        refused.incrementAndGet();
                    }
                }
            }));
        }
        for (var task : tasks) {
            task.get();
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.get()).as("the budget ran out").isPositive();
        assertThat(spent.get()).isLessThanOrEqualTo(1_000_000);
    }

    private void standing(Budget budget, long spent, Instant countedThrough) {
        var standing = new BudgetStanding(budget, spent, budget.period().start(NOW), budget.period().end(NOW),
                countedThrough, BudgetStanding.Level.of(budget, spent), false);
        decisions.put(budget.subject(), new Decision(budget.subject(), Decision.Action.ALLOW, Decision.BUDGET, "", "",
                NOW, null, List.of(standing)));
    }

    private static RoutingTable table(Budget... budgets) {
        return new RoutingTable(Map.of(), Map.of(), Map.of(), Set.of(), "v", RetryPolicy.DEFAULT,
                BreakerPolicy.DEFAULT, Budget.bySubject(List.of(budgets)), Map.of());
    }
}
