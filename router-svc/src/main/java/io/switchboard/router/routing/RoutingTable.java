package io.switchboard.router.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.switchboard.events.Budget;

/**
 * The live routing table: every public model (aliases included) with its route, the providers they use, keys, the
 * failover policies, the budgets by subject and the capture rules by workload. Immutable; a new file builds a new
 * table.
 */
public record RoutingTable(
        Map<String, ProviderSettings> providers,
        Map<String, ModelRoute> models,
        Map<String, Caller> callersByKeyHash,
        Set<String> adminKeyHashes,
        String priceVersion,
        RetryPolicy retry,
        BreakerPolicy breaker,
        Map<String, List<Budget>> budgets,
        Map<String, CaptureRule> capture) {

    public RoutingTable {
        providers = Map.copyOf(providers);
        models = Map.copyOf(models);
        callersByKeyHash = Map.copyOf(callersByKeyHash);
        adminKeyHashes = Set.copyOf(adminKeyHashes);
        budgets = Map.copyOf(budgets);
        capture = Map.copyOf(capture);
    }

    /** How a workload's traffic is captured; empty when it did not opt in (or the request names no workload). */
    public Optional<CaptureRule> capture(String workload) {
        return workload == null ? Optional.empty() : Optional.ofNullable(capture.get(workload));
    }

    /** The budgets of a subject ({@code user:<id>}, {@code team:<id>}, {@code key:<id>}), none when it has none. */
    public List<Budget> budgets(String subject) {
        return budgets.getOrDefault(subject, List.of());
    }

    /** The route of a public model or alias. */
    public Optional<ModelRoute> model(String name) {
        return Optional.ofNullable(models.get(name));
    }

    public Optional<Caller> callerByKeyHash(String sha256Hex) {
        return Optional.ofNullable(callersByKeyHash.get(sha256Hex));
    }
}
