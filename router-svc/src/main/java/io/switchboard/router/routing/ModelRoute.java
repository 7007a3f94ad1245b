package io.switchboard.router.routing;

import java.time.Instant;
import java.util.List;

/**
 * A public model: its own deployments, balanced by {@code strategy}; the public models to fall back to, in order; and
 * its retirement, after which {@code successor} serves it.
 */
public record ModelRoute(String name, Strategy strategy, List<Deployment> deployments, List<String> fallbacks,
        Instant retiresAt, String successor) {

    public ModelRoute {
        deployments = List.copyOf(deployments);
        fallbacks = List.copyOf(fallbacks);
    }

    public boolean retiredAt(Instant now) {
        return retiresAt != null && !now.isBefore(retiresAt);
    }

    /** How a model's own deployments are ordered for one request. */
    public enum Strategy {

        /** As listed: the first is preferred, the others stand by. */
        ORDERED,
        /** At random, in proportion to weight. */
        WEIGHTED,
        /** Lowest recent time to first token first. */
        LEAST_LATENCY;

        static Strategy parse(String text) {
            return switch (text) {
                case "ordered" -> ORDERED;
                case "weighted" -> WEIGHTED;
                case "least-latency" -> LEAST_LATENCY;
                default -> null;
            };
        }
    }
}
