package io.switchboard.runtime.streams;

import java.time.Duration;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import io.switchboard.events.UsageEvent;

/**
 * Passes each usage event on once, however often it is delivered. An event is remembered by its id at its own event
 * time, so a redelivery (a producer retry, a replay from the router's spool) finds it with an exact lookup; memory
 * lasts for the store's retention, measured in event time. Use with {@link #store} and the event-time
 * {@link #TIMESTAMPS} extractor on the source.
 */
public final class Deduplicator implements FixedKeyProcessor<String, UsageEvent, UsageEvent> {

    /** Reads a usage event's own time as the record's timestamp. */
    public static final TimestampExtractor TIMESTAMPS = (record, previous) -> record
            .value() instanceof UsageEvent event ? event.time().toEpochMilli() : previous;

    private final String storeName;
    private final Runnable counted;
    private final Runnable duplicates;
    private FixedKeyProcessorContext<String, UsageEvent> context;
    private WindowStore<String, Long> seen;

    /** @param counted told of each event passed on; @param duplicates told of each one dropped */
    public Deduplicator(String storeName, Runnable counted, Runnable duplicates) {
        this.storeName = storeName;
        this.counted = counted;
        this.duplicates = duplicates;
    }

    /** The store of seen event ids, remembered for {@code window} of event time. */
    public static StoreBuilder<WindowStore<String, Long>> store(String name, Duration window) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, window, Duration.ofMillis(1), false),
                Serdes.String(), Serdes.Long());
    }

    @Override
    public void init(FixedKeyProcessorContext<String, UsageEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, UsageEvent> record) {
        var event = record.value();
        if (event == null) {
            return;
        }
        var id = event.eventId().toString();
        long time = event.time().toEpochMilli();
        try (var earlier = seen.fetch(id, time, time)) {
            if (earlier.hasNext()) {
                duplicates.run();
                return;
            }
        }
        seen.put(id, time, time);
        counted.run();
        context.forward(record);
    }
}
