package io.switchboard.router.routing;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The routing file as written: providers, public models with their fallback chains, prices and virtual keys. Bound
 * from YAML as is; {@link RoutingFileLoader} checks it as a whole and turns it into a {@link RoutingTable}.
 */
@RegisterForReflection
public record RoutingFile(
        Map<String, ProviderSpec> providers,
        Map<String, ModelSpec> models,
        Prices prices,
        List<KeySpec> keys) {

    /**
     * One upstream. {@code type} is {@code openai} (any OpenAI-compatible HTTP server) or {@code simulated} (built in,
     * no network). The key is read from the environment variable {@code apiKeyEnv}, never written in the file.
     */
    @RegisterForReflection
    public record ProviderSpec(
            String type,
            String baseUrl,
            String apiKeyEnv,
            Timeouts timeouts,
            String latency,
            String chunkInterval,
            Double failureRate) {
    }

    /** Durations such as {@code 250ms}, {@code 2s}, {@code 1m}. */
    @RegisterForReflection
    public record Timeouts(String connect, String firstByte) {
    }

    /** A public model name and the ordered deployments that may serve it. */
    @RegisterForReflection
    public record ModelSpec(List<DeploymentSpec> chain) {
    }

    @RegisterForReflection
    public record DeploymentSpec(String provider, String model) {
    }

    /** Prices in micro-USD per million tokens, by upstream model name, stamped with a version. */
    @RegisterForReflection
    public record Prices(String version, Map<String, PriceSpec> models) {
    }

    @RegisterForReflection
    public record PriceSpec(Long input, Long cachedInput, Long cacheWrite, Long output) {
    }

    /** A virtual key: only the SHA-256 of the key (hex) is stored. */
    @RegisterForReflection
    public record KeySpec(String id, String sha256, String user, String team) {
    }
}
