package io.switchboard.metering.aggregate;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.JsonSerde;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.events.streams.Deduplicator;
import io.switchboard.metering.MeteringConfig;

/**
 * Usage events, deduplicated by event id, summed per user per UTC day and per team per UTC day. Store keys are
 * {@code <yyyy-MM-dd>|<subject>}, so a date range is one ordered range scan.
 */
@ApplicationScoped
public class SpendTopology {

    public static final String USER_DAY_STORE = "spend-user-day";
    public static final String TEAM_DAY_STORE = "spend-team-day";
    static final String SEEN_STORE = "seen-event-ids";

    private static final Serde<UsageEvent> EVENTS = JsonSerde.usageEvents();
    private static final Serde<SpendTotals> TOTALS = new JsonSerde<>(SpendTotals.class);

    @Produces
    Topology topology(MeteringConfig config, MeterRegistry registry) {
        return build(config.dedupWindow(), Counter.builder("switchboard.metering.events").tag("result", "counted")
                .description("Usage events aggregated").register(registry),
                Counter.builder("switchboard.metering.events").tag("result", "duplicate")
                        .description("Usage events dropped as already counted").register(registry));
    }

    static Topology build(Duration dedupWindow, Counter counted, Counter duplicates) {
        var builder = new StreamsBuilder();
        builder.addStateStore(Deduplicator.store(SEEN_STORE, dedupWindow));
        KStream<String, UsageEvent> fresh = builder
                .stream(Topics.USAGE, Consumed.with(Serdes.String(), EVENTS)
                        .withTimestampExtractor(Deduplicator.TIMESTAMPS))
                .processValues(() -> new Deduplicator(SEEN_STORE, counted::increment, duplicates::increment),
                        SEEN_STORE);
        sumBy(fresh, "user", UsageEvent::userId, USER_DAY_STORE);
        sumBy(fresh, "team", UsageEvent::teamId, TEAM_DAY_STORE);
        return builder.build();
    }

    private static void sumBy(KStream<String, UsageEvent> events, String dimension,
            Function<UsageEvent, String> subject, String store) {
        events.groupBy((key, event) -> dayKey(event, subject.apply(event)),
                Grouped.with("by-" + dimension + "-day", Serdes.String(), EVENTS))
                .aggregate(() -> SpendTotals.ZERO, (key, event, totals) -> totals.plus(event),
                        Materialized.<String, SpendTotals, KeyValueStore<Bytes, byte[]>>as(store)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(TOTALS));
    }

    static String dayKey(UsageEvent event, String subject) {
        return event.time().atOffset(ZoneOffset.UTC).toLocalDate() + "|" + subject;
    }
}
