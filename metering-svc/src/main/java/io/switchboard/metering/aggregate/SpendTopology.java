package io.switchboard.metering.aggregate;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.Stores;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.JsonSerde;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.runtime.streams.Deduplicator;

/**
 * Usage events, deduplicated by event id, summed into hour and day buckets of every {@link Rollup}
 * ({@link #SPEND_STORE}, keys as {@link SpendKey}) and into per-session totals ({@link #SESSION_STORE}).
 *
 * <p>
 * State is partitioned by user, like the input topic: the stores of partition {@code p} hold the spend of the users
 * of {@code p}, whatever the other dimensions. So a user's spend is read from one partition, while the spend of a team
 * or a model is spread over all of them and a query sums the partial answers of every partition (on whichever
 * instance owns it: see {@code SpendCluster}). Buckets hold integer sums, so that sum is exact. The price is a fan-out
 * per query; the gain is no repartition topic, no second copy of the traffic, and scaling out by adding instances.
 * Budgets are the exception: they are counted per subject, by the budget branch that {@code MeteringTopology} feeds
 * with the events counted here.
 */
@ApplicationScoped
public class SpendTopology {

    public static final String SPEND_STORE = "spend-buckets";
    public static final String SESSION_STORE = "spend-sessions";
    static final String SEEN_STORE = "seen-event-ids";

    private static final Serde<UsageEvent> EVENTS = JsonSerde.usageEvents();

    @Produces
    SpendMeters meters(MeterRegistry registry) {
        return new SpendMeters(registry);
    }

    /**
     * How long what is counted is kept: event ids (for deduplication, in event time), sessions after they were last
     * seen, hour and day buckets after their period (in wall-clock time).
     */
    public record Retention(Duration dedupWindow, Duration sessions, Duration hourBuckets, Duration dayBuckets) {
    }

    /** Adds the spend branch to {@code builder}; the events it counted, each once, for the branches that follow. */
    public static KStream<String, UsageEvent> add(StreamsBuilder builder, Retention retention, SpendMeters meters) {
        builder.addStateStore(Deduplicator.store(SEEN_STORE, retention.dedupWindow()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SPEND_STORE),
                Serdes.String(), new SpendTotalsSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SESSION_STORE),
                Serdes.String(), new JsonSerde<>(SessionTotals.class)).withCachingEnabled());
        var counted = builder.stream(Topics.USAGE, Consumed.with(Serdes.String(), EVENTS)
                .withTimestampExtractor(Deduplicator.TIMESTAMPS))
                .processValues(() -> new Deduplicator(SEEN_STORE, meters::counted, meters::duplicate), SEEN_STORE);
        counted.process(() -> new SpendAggregator(retention, meters), SPEND_STORE, SESSION_STORE);
        return counted;
    }
}
