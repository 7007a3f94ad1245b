package io.switchboard.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ChainPlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private final RoutingTable table = new RoutingFileLoader(name -> null).parse("""
            providers:
              a: {type: simulated}
              b: {type: simulated}
              c: {type: simulated}
            models:
              big:
                deployments: [{provider: a, model: big-a}, {provider: b, model: big-b}]
                fallbacks: [small]
                successor: next
              small:
                deployments: [{provider: c, model: small-c}]
                fallbacks: [big]
              spread:
                strategy: weighted
                deployments: [{provider: a, model: m, weight: 3}, {provider: b, model: m, weight: 1}]
              quick:
                strategy: least-latency
                deployments: [{provider: a, model: m}, {provider: b, model: m}, {provider: c, model: m}]
              old:
                deployments: [{provider: a, model: m}]
                retiresAt: 2026-11-01T00:00:00Z
                successor: big
              next:
                deployments: [{provider: c, model: m}]
              moving:
                deployments:
                  - {provider: a, model: m, retiresAt: 2026-11-20T00:00:00Z}
                  - {provider: b, model: m, retiresAt: 2026-12-20T00:00:00Z}
            prices:
              version: v1
              models: {big-a: {input: 1, output: 1}, big-b: {input: 1, output: 1}, small-c: {input: 1, output: 1},
                       m: {input: 1, output: 1}}
            """, "test");

    private ChainPlanner.Plan plan(String model, Set<String> gone, Map<String, Double> ttft) {
        return ChainPlanner.plan(table, table.model(model).orElseThrow(), NOW, d -> gone.contains(d.id()),
                d -> ttft.getOrDefault(d.id(), 0.0));
    }

    @Test
    void ownDeploymentsThenFallbacksThenTheSuccessorEachOnce() {
        var plan = plan("big", Set.of(), Map.of());

        assertThat(plan.chain()).extracting(Deployment::id)
                .containsExactly("a/big-a", "b/big-b", "c/small-c", "c/m");
        assertThat(plan.retiredModel()).isNull();
    }

    @Test
    void aRetiredModelIsServedByItsSuccessor() {
        var plan = plan("old", Set.of(), Map.of());

        assertThat(plan.retiredModel()).isEqualTo("old");
        assertThat(plan.servingModel()).isEqualTo("big");
        assertThat(plan.chain()).extracting(Deployment::id).first().isEqualTo("a/big-a");
    }

    @Test
    void aModelWhoseDeploymentsAreAllGoneIsRetiredAtOnce() {
        var plan = plan("big", Set.of("a/big-a", "b/big-b"), Map.of());

        assertThat(plan.retiredModel()).isEqualTo("big");
        assertThat(plan.chain()).extracting(Deployment::id).containsExactly("c/m");
    }

    @Test
    void aRetiredDeploymentIsNoLongerUsed() {
        assertThat(plan("moving", Set.of(), Map.of()).chain()).extracting(Deployment::provider).containsExactly("b");
    }

    @Test
    void weightsShareTheFirstPlace() {
        int firstA = 0;
        for (int i = 0; i < 4000; i++) {
            firstA += plan("spread", Set.of(), Map.of()).chain().get(0).provider().equals("a") ? 1 : 0;
        }

        // weight 3 against 1: three quarters, within a generous margin for chance
        assertThat(firstA).isBetween(2800, 3200);
    }

    @Test
    void theFastestGoesFirstAndTheUnmeasuredBeforeIt() {
        var ttft = new HashMap<String, Double>(Map.of("a/m", 300.0, "b/m", 120.0));

        assertThat(plan("quick", Set.of(), ttft).chain()).extracting(Deployment::provider)
                .containsExactly("c", "b", "a");
        ttft.put("c/m", 500.0);
        assertThat(plan("quick", Set.of(), ttft).chain()).extracting(Deployment::provider)
                .containsExactly("b", "a", "c");
    }
}
