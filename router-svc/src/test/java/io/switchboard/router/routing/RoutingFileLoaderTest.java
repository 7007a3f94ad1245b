package io.switchboard.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.events.Tokens;
import io.switchboard.router.identity.ApiKeys;
import io.switchboard.router.identity.Caller;

class RoutingFileLoaderTest {

    private final RoutingFileLoader loader = new RoutingFileLoader(Map.of("OPENAI_API_KEY", "sk-upstream")::get);

    @Test
    void aCompleteFileBecomesATable() {
        // given
        var yaml = """
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
                    chain:
                      - {provider: openai, model: gpt-4o-mini}
                      - {provider: sim, model: sim-mini}
                prices:
                  version: "2026-11-01"
                  models:
                    gpt-4o-mini: {input: 150000, cachedInput: 75000, output: 600000}
                    sim-mini: {input: 100000, output: 400000}
                keys:
                  - {id: alice-laptop, sha256: %s, user: alice, team: payments}
                """.formatted(ApiKeys.sha256Hex("sk-alice"));

        // when
        var table = loader.parse(yaml, "test");

        // then
        assertThat(table.chain("gpt-4o-mini").orElseThrow()).extracting("provider").containsExactly("openai", "sim");
        assertThat(table.providers().get("openai")).isEqualTo(new ProviderSettings.OpenAiCompatible("openai",
                URI.create("https://api.openai.com/v1"), "sk-upstream", Duration.ofSeconds(2),
                Duration.ofMillis(1500)));
        assertThat(table.callerByKeyHash(ApiKeys.sha256Hex("sk-alice")))
                .contains(new Caller("alice-laptop", "alice", "payments"));
        assertThat(table.chain("gpt-4o-mini").orElseThrow().get(1).price()).isEqualTo(new Price(100000, 100000,
                100000, 400000));
        assertThat(table.priceVersion()).isEqualTo("2026-11-01");
    }

    @Test
    void everyProblemIsNamedByItsPath() {
        var yaml = """
                providers:
                  openai: {type: openai, apiKeyEnv: MISSING_KEY}
                  odd: {type: carrier-pigeon}
                  sim: {type: simulated, failureRate: 2, latency: soon}
                models:
                  gpt-4o:
                    chain:
                      - {provider: nowhere, model: gpt-4o}
                      - {provider: sim, model: unpriced}
                  empty: {chain: []}
                prices:
                  models: {}
                keys:
                  - {id: k1, sha256: not-a-hash, user: bob}
                """;

        assertThatThrownBy(() -> loader.parse(yaml, "test"))
                .isInstanceOfSatisfying(RoutingConfigException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "providers.openai.baseUrl: required for an openai provider",
                                "providers.openai.apiKeyEnv: environment variable MISSING_KEY is not set",
                                "providers.odd.type: unknown provider type 'carrier-pigeon' (expected openai or "
                                        + "simulated)",
                                "providers.sim.latency: 'soon' is not a duration such as 250ms, 2s or 1m",
                                "providers.sim.failureRate: must be between 0 and 1",
                                "models.gpt-4o.chain[0].provider: unknown provider 'nowhere'",
                                "models.gpt-4o.chain[1].model: no price for 'unpriced' under prices.models",
                                "models.empty.chain: at least one deployment is required",
                                "keys[0].sha256: must be the 64 lower-case hex digits of the key's SHA-256",
                                "prices.version: required, so that every metered cost names the price table it "
                                        + "used"));
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
