package io.switchboard.metering.api;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.events.Budget;
import io.switchboard.events.BudgetStanding;
import io.switchboard.events.Decision;
import io.switchboard.events.Money;
import io.switchboard.metering.access.Access;
import io.switchboard.metering.access.KeyRing;
import io.switchboard.metering.budget.BudgetBook;
import io.switchboard.metering.budget.StandingsUnknownException;
import io.switchboard.runtime.kafka.DecisionFeed;

/**
 * Every budget with its spend in the current period, as last published on the decisions topic (at most one standing
 * interval old); 503 until the decisions topic has been read to its end once. An admin key sees all; a virtual key
 * the budgets of its user, its team and itself.
 */
@Path("/v1/budgets")
@Produces(MediaType.APPLICATION_JSON)
public class BudgetResource {

    private final KeyRing keys;
    private final BudgetBook budgets;
    private final DecisionFeed decisions;
    private final Clock clock = Clock.systemUTC();

    BudgetResource(KeyRing keys, BudgetBook budgets, DecisionFeed decisions) {
        this.keys = keys;
        this.budgets = budgets;
        this.decisions = decisions;
    }

    @GET
    public Budgets list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        var access = keys.authenticate(authorization);
        if (!decisions.status().caughtUp()) {
            // spend shown as 0 would be a wrong answer, not an old one
            throw new StandingsUnknownException("Budget standings are still being read from Kafka after a start "
                    + "(or Kafka is unreachable); retry in a few seconds.");
        }
        var now = clock.instant();
        var rows = new ArrayList<Row>();
        budgets.all().forEach((subject, ofSubject) -> {
            if (visible(access, subject)) {
                ofSubject.forEach(budget -> rows.add(row(budget, decisions.get(subject), now)));
            }
        });
        rows.sort(Comparator.comparingDouble(Row::used).reversed().thenComparing(Row::subject));
        return new Budgets(rows);
    }

    private static boolean visible(Access access, String subject) {
        if (access instanceof Access.Engineer engineer) {
            return subject.equals("user:" + engineer.user()) || subject.equals("key:" + engineer.keyId())
                    || !engineer.team().isEmpty() && subject.equals("team:" + engineer.team());
        }
        return true;
    }

    private static Row row(Budget budget, Decision decision, Instant now) {
        var start = budget.period().start(now);
        var standing = decision == null ? null : decision.standing(budget, start);
        long spent = standing == null ? 0 : standing.spentMicros();
        var level = BudgetStanding.Level.of(budget, spent);
        return new Row(budget.subject(), budget.period().label(), start, budget.period().end(now), spent,
                Money.dollars(spent), budget.softMicros(), budget.softMicros() == null
                        ? null
                        : Money.dollars(budget.softMicros()),
                budget.hardMicros(), budget.hardMicros() == null ? null : Money.dollars(budget.hardMicros()),
                level == BudgetStanding.Level.HARD ? "blocked" : level.name().toLowerCase());
    }

    @RegisterForReflection
    public record Budgets(List<Row> budgets) {
    }

    /** @param state {@code ok}, {@code soft} (past the soft amount) or {@code blocked} (the hard amount reached) */
    @RegisterForReflection
    public record Row(String subject, String period, Instant periodStart, Instant resetsAt, long spentMicros,
            String spent, Long softMicros, String soft, Long hardMicros, String hard, String state) {

        /** The share of the first limit spent, for sorting. */
        double used() {
            long limit = hardMicros != null ? hardMicros : softMicros;
            return (double) spentMicros / limit;
        }
    }
}
