package io.switchboard.metering.aggregate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.switchboard.events.UsageEvent;

/**
 * Prometheus counters of what metering counted: spend and tokens per team, model, provider and client, never per
 * user (unbounded cardinality). They are for alerts and graphs; the exact figures are the API's. Under exactly-once a
 * batch that is aborted and processed again counts twice here, never in the stores.
 */
public final class SpendMeters {

    private static final String[] TOKEN_KINDS = {"input", "cached_input", "cache_write", "output", "reasoning"};

    private final MeterRegistry registry;
    private final Counter counted;
    private final Counter duplicates;
    private final Map<Tags, Counter[]> byLabels = new ConcurrentHashMap<>();

    public SpendMeters(MeterRegistry registry) {
        this.registry = registry;
        this.counted = Counter.builder("switchboard.metering.events").tag("result", "counted")
                .description("Usage events aggregated").register(registry);
        this.duplicates = Counter.builder("switchboard.metering.events").tag("result", "duplicate")
                .description("Usage events dropped as already counted").register(registry);
    }

    public void counted() {
        counted.increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    void aggregated(UsageEvent event) {
        var tags = Tags.of("team", event.teamId(), "model", Dimension.MODEL.of(event), "provider", event.provider(),
                "client", event.client().name());
        var counters = byLabels.computeIfAbsent(tags, this::counters);
        var tokens = event.tokens();
        counters[0].increment(event.costMicros());
        counters[1].increment();
        long[] byKind = {tokens.input(), tokens.cachedInput(), tokens.cacheWrite(), tokens.output(),
                tokens.reasoning()};
        for (int i = 0; i < byKind.length; i++) {
            counters[2 + i].increment(byKind[i]);
        }
    }

    private Counter[] counters(Tags tags) {
        var counters = new Counter[2 + TOKEN_KINDS.length];
        counters[0] = Counter.builder("switchboard.metering.spend.micros").tags(tags)
                .description("Spend in micro-USD").register(registry);
        counters[1] = Counter.builder("switchboard.metering.requests").tags(tags)
                .description("Requests metered").register(registry);
        for (int i = 0; i < TOKEN_KINDS.length; i++) {
            counters[2 + i] = Counter.builder("switchboard.metering.tokens").tags(tags.and("type", TOKEN_KINDS[i]))
                    .description("Tokens metered, by kind").register(registry);
        }
        return counters;
    }
}
