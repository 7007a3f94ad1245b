package io.switchboard.router.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.switchboard.router.identity.Caller;

/**
 * The live routing table: every public model with its fallback chain, the providers they use, and the virtual keys.
 * Immutable; a new file builds a new table.
 */
public record RoutingTable(
        Map<String, ProviderSettings> providers,
        Map<String, List<Deployment>> models,
        Map<String, Caller> callersByKeyHash,
        String priceVersion) {

    public RoutingTable {
        providers = Map.copyOf(providers);
        models = Map.copyOf(models);
        callersByKeyHash = Map.copyOf(callersByKeyHash);
    }

    /** The fallback chain of a public model, first choice first. */
    public Optional<List<Deployment>> chain(String model) {
        return Optional.ofNullable(models.get(model));
    }

    public Optional<Caller> callerByKeyHash(String sha256Hex) {
        return Optional.ofNullable(callersByKeyHash.get(sha256Hex));
    }

    /** One entry of a fallback chain: this provider, asked for this upstream model, at this price. */
    public record Deployment(String provider, String model, Price price) {
    }
}
