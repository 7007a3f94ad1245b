package io.switchboard.metering.budget;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Budget;
import io.switchboard.metering.routing.RoutingFileWatch;

/**
 * The {@code budgets} of the router's routing file, by subject. A changed file is read again within
 * {@code checkEvery}; a file with a budget that does not read keeps the budgets read before (the router refuses such a
 * file too).
 */
public final class BudgetBook {

    private final Supplier<Map<String, List<Budget>>> bySubject;

    private BudgetBook(Supplier<Map<String, List<Budget>>> bySubject) {
        this.bySubject = bySubject;
    }

    /** The budgets of the routing file at {@code file}, checked for changes at most once per {@code checkEvery}. */
    public static BudgetBook watching(Optional<Path> file, Duration checkEvery, Clock clock) {
        return new BudgetBook(new RoutingFileWatch<>(file, checkEvery, clock, "budgets", BudgetBook::read)::current);
    }

    /** A fixed set of budgets. */
    public static BudgetBook of(List<Budget> budgets) {
        var bySubject = Budget.bySubject(budgets);
        return new BudgetBook(() -> bySubject);
    }

    /** The budgets of one subject, none when it has none. */
    public List<Budget> of(String subject) {
        return bySubject.get().getOrDefault(subject, List.of());
    }

    /** Every subject that has a budget. */
    public Map<String, List<Budget>> all() {
        return bySubject.get();
    }

    private static Map<String, List<Budget>> read(JsonNode root) {
        var budgets = new ArrayList<Budget>();
        for (var budget : root.path("budgets")) {
            budgets.add(Budget.of(budget.path("subject").asText(null), budget.path("period").asText(null),
                    budget.path("soft").asText(null), budget.path("hard").asText(null),
                    budget.path("webhook").asText("")));
        }
        return Budget.bySubject(budgets);
    }
}
