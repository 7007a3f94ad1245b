package io.switchboard.routingfile;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The routing file as written: defaults, providers, public models with their deployments and fallbacks, prices,
 * virtual keys, budgets and the workloads whose traffic is captured. Bound from YAML as is, by the router (which checks it as a whole and turns it into its
 * routing table) and by metering (which reads its keys and budgets), so that both read one contract. A part left out
 * of the file is {@code null}.
 */
public record RoutingFile(
        Defaults defaults,
        Map<String, ProviderSpec> providers,
        Map<String, ModelSpec> models,
        Prices prices,
        List<KeySpec> keys,
        List<KeySpec> adminKeys,
        List<BudgetSpec> budgets,
        Map<String, CaptureSpec> capture) {

    /** A file with nothing in it. */
    public static final RoutingFile EMPTY = new RoutingFile(null, null, null, null, null, null, null, null);

    // Strict, so that a misspelt field is an error naming it rather than a setting silently left out.
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /**
     * Reads a routing file's text; {@code null} when it holds no document.
     *
     * @throws com.fasterxml.jackson.databind.JsonMappingException naming the path of a field that does not bind
     * @throws IOException when the text is not YAML
     */
    public static RoutingFile parse(String text) throws IOException {
        return YAML.readValue(text, RoutingFile.class);
    }

    /** Settings every deployment gets unless its provider or itself says otherwise. */
    public record Defaults(Timeouts timeouts, RetrySpec retry, BreakerSpec circuitBreaker) {
    }

    /**
     * One upstream. {@code type} is {@code openai}, {@code openai-compatible} (vLLM, Ollama, llama.cpp, Together, Groq:
     * chat completions only), {@code azure}, {@code anthropic}, {@code gemini}, or {@code simulated} (built in, no
     * network). {@code baseUrl} defaults to the vendor's public API where it has one. The key is read from the
     * environment variable {@code apiKeyEnv}, never written in the file. {@code apiVersion} selects Azure's dated API.
     */
    public record ProviderSpec(
            String type,
            String baseUrl,
            String apiVersion,
            String apiKeyEnv,
            Timeouts timeouts,
            String latency,
            String chunkInterval,
            Double failureRate,
            String task) {
    }

    /**
     * Durations such as {@code 250ms}, {@code 2s}, {@code 1m}: to connect; to the response headers; to the first
     * token of a stream; between two chunks of a stream; for the whole answer.
     */
    public record Timeouts(String connect, String firstByte, String firstToken, String idle, String total) {
    }

    /** Bounds on what one request may spend on failover. */
    public record RetrySpec(Integer maxAttempts, String budget, String maxRetryAfter) {
    }

    /** When a deployment's circuit opens: over its last {@code window} calls, at this failure ratio. */
    public record BreakerSpec(Integer window, Double failureRatio, String delay, Integer probes) {
    }

    /**
     * A public model name. Its deployments are tried by {@code strategy} ({@code ordered}, {@code weighted},
     * {@code least-latency}), then its fallbacks (other public models) in order. After {@code retiresAt}, requests
     * are served by {@code successor}. {@code unsupportedTools} ({@code drop}, the default, or {@code refuse}) says
     * what a translated request does with tools only the client's vendor runs.
     */
    public record ModelSpec(
            String strategy,
            List<DeploymentSpec> deployments,
            List<String> fallbacks,
            List<String> aliases,
            String retiresAt,
            String successor,
            String unsupportedTools) {
    }

    /**
     * A provider asked for one of its models; the key and timeouts may differ from the provider's. After
     * {@code retiresAt} the deployment is no longer used.
     */
    public record DeploymentSpec(String provider, String model, Integer weight, String apiKeyEnv,
            Timeouts timeouts, String retiresAt) {
    }

    /** Prices in micro-USD per million tokens, by upstream model name, stamped with a version. */
    public record Prices(String version, Map<String, PriceSpec> models) {
    }

    public record PriceSpec(Long input, Long cachedInput, Long cacheWrite, Long output) {
    }

    /** A key: only the SHA-256 of the key (hex) is stored. Admin keys need no user. */
    public record KeySpec(String id, String sha256, String user, String team) {
    }

    /**
     * A cap on the spend of {@code subject} ({@code user:<id>}, {@code team:<id>}, {@code key:<id>}) per {@code period}
     * ({@code day}, {@code week}, {@code month}, UTC): {@code soft} US dollars notify, {@code hard} block. Metering
     * counts and announces; the router reserves each request's worst-case cost against what is left.
     */
    public record BudgetSpec(String subject, String period, String soft, String hard, String webhook) {
    }

    /**
     * Traffic capture for one workload (the key: the {@code x-switchboard-workload} tag), off unless listed: a share
     * {@code sampleRate} (above 0, at most 1) of its answered requests, each at most {@code maxExampleBytes} of request
     * and answer together (a larger one is skipped, not cut), kept for {@code retention} (such as {@code 14d}). Before
     * a trace leaves the router, the built-in rules named in {@code redact} ({@code email}, {@code key}, {@code number})
     * and the workload's own {@code patterns} replace what they match in every string of it.
     */
    public record CaptureSpec(Double sampleRate, Integer maxExampleBytes, String retention, List<String> redact,
            List<PatternSpec> patterns) {
    }

    /** A regular expression (Java syntax) and what replaces each match; {@code [redacted]} when none is given. */
    public record PatternSpec(String pattern, String replacement) {
    }
}
