package io.switchboard.router.routing;

import java.time.Instant;

/**
 * A provider asked for one of its models: a step of a fallback chain. {@code apiKey} is the resolved credential
 * (empty when the upstream needs none); {@code retiresAt} is when it stops being used, or {@code null};
 * {@code unsupportedTools} is what its public model does with tools the provider's API cannot run.
 */
public record Deployment(String provider, String model, Price price, int weight, String apiKey,
        Timeouts timeouts, Instant retiresAt, UnsupportedTools unsupportedTools) {

    /**
     * What a request that declares tools of another vendor's own (web search, code execution...) gets when translated
     * for this deployment: the tools left out (the model cannot call them, and may never have needed them) or a 400.
     */
    public enum UnsupportedTools {

        DROP, REFUSE;

        static UnsupportedTools parse(String text) {
            return switch (text) {
                case "drop" -> DROP;
                case "refuse" -> REFUSE;
                default -> null;
            };
        }
    }

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
