package io.switchboard.runtime.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** Where an assigned consumer starts reading. */
public final class Offsets {

    private Offsets() {
    }

    /**
     * Seeks each partition to its first record at or after {@code time}, or to its end when it has none that late.
     */
    public static void seekToTime(Consumer<?, ?> consumer, List<TopicPartition> partitions, Instant time,
            Duration timeout) {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, time.toEpochMilli()));
        var offsets = consumer.offsetsForTimes(times, timeout);
        for (var partition : partitions) {
            var found = offsets.get(partition);
            if (found == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, found.offset());
            }
        }
    }
}
