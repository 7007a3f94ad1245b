package io.switchboard.metering.aggregate;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;

import io.micrometer.core.instrument.Counter;
import io.switchboard.events.UsageEvent;

/**
 * Passes each usage event on once, however often it is delivered. An event is remembered by its id at its own event
 * time, so a redelivery (a producer retry, a replay from the router's spool) finds it with an exact lookup; memory
 * lasts for the store's retention, measured in event time.
 */
final class Deduplicator implements FixedKeyProcessor<String, UsageEvent, UsageEvent> {

    private final String storeName;
    private final Counter counted;
    private final Counter duplicates;
    private FixedKeyProcessorContext<String, UsageEvent> context;
    private WindowStore<String, Long> seen;

    Deduplicator(String storeName, Counter counted, Counter duplicates) {
        this.storeName = storeName;
        this.counted = counted;
        this.duplicates = duplicates;
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
                duplicates.increment();
                return;
            }
        }
        seen.put(id, time, time);
        counted.increment();
        context.forward(record);
    }
}
