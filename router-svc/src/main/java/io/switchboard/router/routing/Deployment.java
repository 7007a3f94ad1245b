package io.switchboard.router.routing;

import java.time.Instant;

/**
 * A provider asked for one of its models: a step of a fallback chain. {@code apiKey} is the resolved credential
 * (empty when the upstream needs none); {@code retiresAt} is when it stops being used, or {@code null}.
 */
public record Deployment(String provider, String model, Price price, int weight, String apiKey,
        Timeouts timeouts, Instant retiresAt) {

    public boolean retiredAt(Instant now) {
        return retiresAt != null && !now.isBefore(retiresAt);
    }

    /** Identifies the deployment in metrics, health and the admin API. */
    public String id() {
        return provider + "/" + model;
    }

    @Override
    public String toString() {
        return "Deployment[" + id() + "]";
    }
}
