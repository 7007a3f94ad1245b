package io.switchboard.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.switchboard.events.Keys;
import io.switchboard.events.Tokens;

class RoutingFileLoaderTest {

    /** A file with one simulated model and nothing else, to add a section to. */
    private static final String ONE_MODEL = """
            providers:
              sim: {type: simulated}
            models:
              m: {deployments: [{provider: sim, model: s}]}
            prices: {version: v1, models: {s: {input: 1, output: 1}}}
            """;

    private final RoutingFileLoader loader = new RoutingFileLoader(
            Map.of("OPENAI_API_KEY", "sk-upstream", "OTHER_KEY", "sk-other")::get);

    @ParameterizedTest
    @ValueSource(strings = {"routing-simulated.yaml", "routing-openai.yaml"})
    void theRoutingFilesOfRunLocalAreValid(String name) throws Exception {
        // given: the file as run-local writes it, with the hashes of the keys it makes
        var yaml = Files.readString(Path.of("../dev", name))
                .replace("LOCAL_KEY_SHA256", Keys.sha256Hex("sk-local"))
                .replace("LOCAL_ADMIN_SHA256", Keys.sha256Hex("sk-admin"));
        var loader = new RoutingFileLoader(Map.of("OPENAI_API_KEY", "sk-upstream")::get);

        // when
        var table = loader.parse(yaml, name);

        // then
        assertThat(table.models()).isNotEmpty();
    }

    @Test
    void aCompleteFileBecomesATable() {
        // given
        var yaml = """
                defaults:
                  timeouts: {idle: 20s}
                  retry: {maxAttempts: 3, budget: 30s, maxRetryAfter: 1s}
                  circuitBreaker: {window: 5, failureRatio: 0.6, delay: 10s, probes: 1}
                providers:
                  openai:
                    type: openai
                    baseUrl: https://api.openai.com/v1
                    apiKeyEnv: OPENAI_API_KEY
                    timeouts: {connect: 2s, firstByte: 1500ms}
                  sim:
                    type: simulated
                    latency: 20ms
                models:
                  gpt-4o-mini:
                    strategy: weighted
                    aliases: [mini]
                    deployments:
                      - {provider: openai, model: gpt-4o-mini, weight: 3, apiKeyEnv: OTHER_KEY, timeouts: {total: 1m}}
                      - {provider: sim, model: sim-mini}
                    fallbacks: [sim-model]
                  sim-model:
                    deployments: [{provider: sim, model: sim-mini}]
                  old-model:
                    deployments: [{provider: sim, model: sim-mini}]
                    retiresAt: 2026-12-01T00:00:00Z
                    successor: gpt-4o-mini
                prices:
                  version: "2026-11-01"
                  models:
                    gpt-4o-mini: {input: 150000, cachedInput: 75000, output: 600000}
                    sim-mini: {input: 100000, output: 400000}
                keys:
                  - {id: alice-laptop, sha256: %s, user: alice, team: payments}
                adminKeys:
                  - {id: platform, sha256: %s}
                """.formatted(Keys.sha256Hex("sk-alice"), Keys.sha256Hex("sk-admin"));

        // when
        var table = loader.parse(yaml, "test");

        // then
        var route = table.model("gpt-4o-mini").orElseThrow();
        assertThat(table.model("mini")).contains(route);
        assertThat(route.strategy()).isEqualTo(ModelRoute.Strategy.WEIGHTED);
        assertThat(route.fallbacks()).containsExactly("sim-model");
        var openai = route.deployments().get(0);
        assertThat(openai.id()).isEqualTo("openai/gpt-4o-mini");
        assertThat(openai.weight()).isEqualTo(3);
        assertThat(openai.apiKey()).isEqualTo("sk-other");
        assertThat(openai.timeouts()).isEqualTo(new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(1500),
                Timeouts.DEFAULT.firstToken(), Duration.ofSeconds(20), Duration.ofMinutes(1)));
        assertThat(route.deployments().get(1).price()).isEqualTo(new Price(100000, 100000, 100000, 400000));
        assertThat(table.providers().get("openai"))
                .isEqualTo(new ProviderSettings.Http("openai", ProviderSettings.Vendor.OPENAI,
                        URI.create("https://api.openai.com/v1"), null));
        assertThat(table.model("old-model").orElseThrow().retiresAt()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(table.retry()).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofSeconds(1)));
        assertThat(table.breaker()).isEqualTo(new BreakerPolicy(5, 0.6, Duration.ofSeconds(10), 1));
        assertThat(table.callerByKeyHash(Keys.sha256Hex("sk-alice")))
                .contains(new Caller("alice-laptop", "alice", "payments"));
        assertThat(table.adminKeyHashes()).containsExactly(Keys.sha256Hex("sk-admin"));
        assertThat(table.priceVersion()).isEqualTo("2026-11-01");
    }

    @Test
    void everyProblemIsNamedByItsPath() {
        var yaml = """
                defaults:
                  retry: {maxAttempts: 0}
                providers:
                  compatible: {type: openai-compatible, apiKeyEnv: MISSING_KEY}
                  keyed: {type: openai, baseUrl: "http://localhost:1/v1", apiKeyEnv: MISSING_KEY}
                  odd: {type: carrier-pigeon}
                  sim: {type: simulated, failureRate: 2, latency: soon, task: riddles}
                models:
                  gpt-4o:
                    strategy: fastest
                    unsupportedTools: ignore
                    deployments:
                      - {provider: nowhere, model: gpt-4o}
                      - {provider: sim, model: unpriced}
                    fallbacks: [gpt-5]
                  empty: {deployments: []}
                  keyed-model:
                    deployments: [{provider: keyed, model: priced}, {provider: keyed, model: priced, weight: 0}]
                    aliases: [gpt-4o]
                    retiresAt: soon
                prices:
                  models: {priced: {input: 1, output: 1}}
                keys:
                  - {id: k1, sha256: not-a-hash, user: bob}
                """;

        assertThatThrownBy(() -> loader.parse(yaml, "test"))
                .isInstanceOfSatisfying(RoutingConfigException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "defaults.retry.maxAttempts: must be at least 1",
                                "providers.compatible.baseUrl: required for an openai-compatible provider",
                                "providers.odd.type: unknown provider type 'carrier-pigeon' (expected openai, "
                                        + "openai-compatible, azure, anthropic, gemini or simulated)",
                                "providers.sim.latency: 'soon' is not a duration such as 250ms, 2s, 1m, 1h or 7d",
                                "providers.sim.failureRate: must be between 0 and 1",
                                "providers.sim.task: unknown task 'riddles' (expected tickets, hashed-tickets)",
                                "models.gpt-4o.strategy: 'fastest' is not ordered, weighted or least-latency",
                                "models.gpt-4o.unsupportedTools: 'ignore' is not drop or refuse",
                                "models.gpt-4o.deployments[0].provider: unknown provider 'nowhere'",
                                "models.gpt-4o.deployments[1].model: no price for 'unpriced' under prices.models",
                                "models.gpt-4o.fallbacks: 'gpt-5' is not another model of this file",
                                "models.empty.deployments: at least one deployment is required",
                                "providers.keyed.apiKeyEnv: environment variable MISSING_KEY is not set",
                                "models.keyed-model.deployments[1].weight: must be at least 1",
                                "models.keyed-model.aliases: 'gpt-4o' is already the name of a model or alias",
                                "models.keyed-model.retiresAt: 'soon' is not a UTC time such as 2026-12-01T00:00:00Z",
                                "models.keyed-model.successor: required with retiresAt: who serves the model after "
                                        + "that?",
                                "keys[0].sha256: must be the 64 lower-case hex digits of the key's SHA-256",
                                "prices.version: required, so that every metered cost names the price table it "
                                        + "used"));
    }

    @Test
    void aCaptureSectionBecomesRulesByWorkload() {
        var yaml = ONE_MODEL + """
                capture:
                  support-triage:
                    sampleRate: 0.25
                    retention: 14d
                    redact: [email, number]
                    patterns: [{pattern: 'ACME-[A-Z]+', replacement: '[ticket]'}, {pattern: 'secret'}]
                """;

        var table = loader.parse(yaml, "test");

        var rule = table.capture("support-triage").orElseThrow();
        assertThat(rule.sampleRate()).isEqualTo(0.25);
        assertThat(rule.maxExampleBytes()).isEqualTo(CaptureRule.DEFAULT_MAX_EXAMPLE_BYTES);
        assertThat(rule.retention()).isEqualTo(Duration.ofDays(14));
        assertThat(rule.redact("Mail a.b@example.co.uk on 2026-12-07 re ACME-QX, the secret $1"))
                .isEqualTo("Mail [email] on [number] re [ticket], the [redacted] $1");
        assertThat(table.capture("other")).isEmpty();
        assertThat(table.capture(null)).isEmpty();
    }

    @Test
    void theBuiltInKeyRuleCatchesCommonSecrets() {
        var rule = new CaptureRule("w", 1, 4096, Duration.ofDays(1), List.of(CaptureRule.BUILT_IN.get("key")));

        assertThat(rule.redact("openai sk-proj-AbCdEfGh12345678ijkl, anthropic sk-ant-api03-AbCdEfGh12345678, "
                + "aws AKIAIOSFODNN7EXAMPLE, github ghp_0123456789abcdefghijklmnopqrstuvwxyz, "
                + "Authorization: Bearer abcdef0123456789abcdef, but not a sky-high desk"))
                .isEqualTo("openai [key], anthropic [key], aws [key], github [key], Authorization: [key], but not a "
                        + "sky-high desk");
    }

    @Test
    void aBadCaptureSectionIsRefusedWithItsPaths() {
        var yaml = ONE_MODEL
                + """
                        capture:
                          a: {sampleRate: 0, maxExampleBytes: 10, retention: forever, redact: [emails], patterns: [{pattern: '('}]}
                          b: {redact: [key]}
                        """;

        assertThatThrownBy(() -> loader.parse(yaml, "test"))
                .isInstanceOfSatisfying(RoutingConfigException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "capture.a.sampleRate: required, above 0 and at most 1 (the share of answered "
                                        + "requests captured)",
                                "capture.a.maxExampleBytes: must be at least 1024",
                                "capture.a.retention: 'forever' is not a duration such as 250ms, 2s, 1m, 1h or 7d",
                                "capture.a.redact[0]: 'emails' is not one of email, key, number; write your own "
                                        + "under patterns",
                                "capture.a.patterns[0].pattern: not a regular expression: Unclosed group",
                                "capture.b.sampleRate: required, above 0 and at most 1 (the share of answered "
                                        + "requests captured)"));
    }

    @Test
    void aMistypedFieldIsRefusedWithItsPath() {
        var yaml = """
                providers:
                  sim: {type: simulated, latencyy: 5ms}
                """;

        assertThatThrownBy(() -> loader.parse(yaml, "test"))
                .isInstanceOfSatisfying(RoutingConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("providers.sim.latencyy: "));
    }

    @Test
    void costIsRoundedOnceOverTheWholeRequest() {
        var price = new Price(2_500_000, 1_250_000, 3_125_000, 10_000_000);

        // 1,000 uncached + 2,000 cached + 0 writes + 300 output tokens
        long cost = price.costMicros(new Tokens(3000, 2000, 0, 300, 0));

        // 1000*2.5 + 2000*1.25 + 300*10 = 2500 + 2500 + 3000 = 8000 micro-USD
        assertThat(cost).isEqualTo(8000);
        assertThat(new Price(1, 1, 1, 1).costMicros(new Tokens(499_999, 0, 0, 0, 0))).isZero();
        assertThat(new Price(1, 1, 1, 1).costMicros(new Tokens(500_000, 0, 0, 0, 0))).isEqualTo(1);
    }
}
