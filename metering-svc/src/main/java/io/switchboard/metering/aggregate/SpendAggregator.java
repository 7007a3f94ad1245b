package io.switchboard.metering.aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.switchboard.events.UsageEvent;

/**
 * Adds each (already deduplicated) event to its hour and day bucket of every {@link Rollup}, and to its session's
 * totals. Runs in the task of the event's user partition, so every store stays partitioned by user: no repartition
 * topic, and a user's spend lives on one instance.
 */
final class SpendAggregator implements Processor<String, UsageEvent, Void, Void> {

    private final SpendTopology.Retention retention;
    private final SpendMeters meters;
    private KeyValueStore<String, SpendTotals> spend;
    private KeyValueStore<String, SessionTotals> sessions;

    SpendAggregator(SpendTopology.Retention retention, SpendMeters meters) {
        this.retention = retention;
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        spend = context.getStateStore(SpendTopology.SPEND_STORE);
        sessions = context.getStateStore(SpendTopology.SESSION_STORE);
        context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, now -> {
            var time = Instant.ofEpochMilli(now);
            forgetSessionsSeenBefore(time.minus(retention.sessions()));
            forgetBucketsBefore(Grain.HOUR, time.minus(retention.hourBuckets()));
            forgetBucketsBefore(Grain.DAY, time.minus(retention.dayBuckets()));
        });
    }

    @Override
    public void process(Record<String, UsageEvent> record) {
        var event = record.value();
        var totals = SpendTotals.of(event);
        for (var grain : Grain.values()) {
            for (var rollup : Rollup.values()) {
                var key = SpendKey.of(grain, rollup, event).encode();
                var old = spend.get(key);
                spend.put(key, old == null ? totals : old.plus(totals));
            }
        }
        if (!event.sessionId().isEmpty()) {
            var key = SessionTotals.key(event.userId(), event.sessionId());
            var old = sessions.get(key);
            sessions.put(key, old == null ? SessionTotals.of(event) : old.plus(event));
        }
        meters.aggregated(event);
    }

    /** Deletes the buckets of {@code grain} whose period began before the one holding {@code cutoff}. */
    private void forgetBucketsBefore(Grain grain, Instant cutoff) {
        var before = grain.label(cutoff);
        var old = new ArrayList<String>();
        for (var rollup : Rollup.values()) {
            try (var range = spend.range(SpendKey.rangeStart(grain, rollup, ""),
                    SpendKey.rangeEndBefore(grain, rollup, before))) {
                range.forEachRemaining(entry -> old.add(entry.key));
            }
        }
        old.forEach(spend::delete);
    }

    private void forgetSessionsSeenBefore(Instant cutoff) {
        try (var all = sessions.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.lastSeen().isBefore(cutoff)) {
                    sessions.delete(entry.key);
                }
            });
        }
    }
}
