package io.switchboard.metering.budget;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.switchboard.events.Budget;
import io.switchboard.metering.routing.RoutingFileWatch;
import io.switchboard.routingfile.RoutingFile;

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

    private static Map<String, List<Budget>> read(RoutingFile file) {
        var budgets = new ArrayList<Budget>();
        for (var budget : Objects.requireNonNullElse(file.budgets(), List.<RoutingFile.BudgetSpec>of())) {
            budgets.add(Budget.of(budget.subject(), budget.period(), budget.soft(), budget.hard(),
                    Objects.requireNonNullElse(budget.webhook(), "")));
        }
        return Budget.bySubject(budgets);
    }
}
