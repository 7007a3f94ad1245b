package io.switchboard.router.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Turns a requested model into the deployments to try, in order: the model (or, once retired, its successor) with its
 * own deployments balanced by its strategy, then its fallbacks, then its successor as a last resort. Retired
 * deployments and those whose model is gone are left out, and a model whose deployments are all gone is retired at
 * once.
 */
public final class ChainPlanner {

    private ChainPlanner() {
    }

    /**
     * @param gone whether a deployment's provider said its model is gone
     * @param ttftMillis a deployment's recent time to first token, 0 when unknown
     */
    public static Plan plan(RoutingTable table, ModelRoute requested, Instant now, Predicate<Deployment> modelGone,
            ToDoubleFunction<Deployment> ttftMillis) {
        Predicate<Deployment> gone = d -> d.retiredAt(now) || modelGone.test(d);
        var route = requested;
        String retired = null;
        var seen = new HashSet<String>();
        while (route.successor() != null && seen.add(route.name())
                && (route.retiredAt(now) || route.deployments().stream().allMatch(gone))) {
            retired = retired == null ? route.name() : retired;
            route = table.models().get(route.successor());
        }
        var chain = new LinkedHashSet<Deployment>();
        append(table, route, new HashSet<>(), chain, gone, ttftMillis);
        return new Plan(retired, route.name(), List.copyOf(chain), null);
    }

    private static void append(RoutingTable table, ModelRoute route, Set<String> visited, Set<Deployment> chain,
            Predicate<Deployment> gone, ToDoubleFunction<Deployment> ttftMillis) {
        if (route == null || !visited.add(route.name())) {
            return;
        }
        for (var deployment : order(route, ttftMillis)) {
            if (!gone.test(deployment)) {
                chain.add(deployment);
            }
        }
        for (var fallback : route.fallbacks()) {
            append(table, table.models().get(fallback), visited, chain, gone, ttftMillis);
        }
        if (route.successor() != null) {
            append(table, table.models().get(route.successor()), visited, chain, gone, ttftMillis);
        }
    }

    static List<Deployment> order(ModelRoute route, ToDoubleFunction<Deployment> ttftMillis) {
        var deployments = route.deployments();
        if (deployments.size() < 2) {
            return deployments;
        }
        return switch (route.strategy()) {
            case ORDERED -> deployments;
            case WEIGHTED -> sortedBy(deployments, weightedRandomKey());
            // Unmeasured deployments (0) come first, so that every deployment gets measured.
            case LEAST_LATENCY -> sortedBy(deployments, d -> ttftMillis.applyAsDouble(d));
        };
    }

    /** A random order in which each deployment comes first with a probability proportional to its weight. */
    private static Function<Deployment, Double> weightedRandomKey() {
        var random = ThreadLocalRandom.current();
        return d -> -Math.log(1 - random.nextDouble()) / d.weight();
    }

    private static List<Deployment> sortedBy(List<Deployment> deployments, Function<Deployment, Double> key) {
        var keyed = new ArrayList<Keyed>(deployments.size());
        for (var deployment : deployments) {
            keyed.add(new Keyed(deployment, key.apply(deployment)));
        }
        keyed.sort(Comparator.comparingDouble(Keyed::key));
        return keyed.stream().map(Keyed::deployment).toList();
    }

    private record Keyed(Deployment deployment, double key) {
    }

    /**
     * The deployments to try for one request.
     *
     * @param retiredModel the requested model when it is retired and its successor serves instead, else {@code null}
     * @param servingModel the public model whose deployments come first
     * @param student the promoted student put at the head of the chain ({@link StudentRoutes}), else {@code null}
     */
    public record Plan(String retiredModel, String servingModel, List<Deployment> chain, Deployment student) {
    }
}
