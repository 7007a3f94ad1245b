package io.switchboard.runtime.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.switchboard.events.EventJson;

/**
 * The whole of a compacted topic in memory, latest value per key: every partition read from the beginning (no consumer
 * group, so every reader gets everything), committed records only, then followed as it grows. Fed by one daemon
 * thread, read from any. A tombstone removes its key; a record that does not parse as the topic's value type is
 * logged (key and offset, never the value) and skipped. Kafka may be away at the start or any time later, and the
 * topic may not exist yet: the thread retries with {@link Backoff} until it is closed, and {@link #status()} says
 * whether what it holds can be trusted yet.
 *
 * @param <V> the topic's value type, read with {@link EventJson}
 */
public class CompactedFeed<V> implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(CompactedFeed.class.getName());
    /** The longest a call to Kafka may take before it counts as failed and is retried after a backoff. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    /** How often a live feed asks for the end offsets: its lag, and whether Kafka still answers. */
    private static final long CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Told of each change, on the feed's thread. */
    @FunctionalInterface
    public interface Listener<V> {

        /** @param previous the key's value before, or {@code null}; {@code current} is {@code null} when removed */
        void changed(String key, V previous, V current);
    }

    private final Map<String, V> byKey = new ConcurrentHashMap<>();
    private final Supplier<Consumer<String, byte[]>> consumers;
    /** Made on the reader thread, so that building it never delays the start; null until then. */
    private volatile Consumer<String, byte[]> consumer;
    private final String topic;
    private final Class<V> type;
    private final String what;
    private final Listener<V> listener;
    private final FeedProgress progress;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Instant started = Instant.now();
    private final Thread reader;
    /** The reader thread's. */
    private List<TopicPartition> partitions = List.of();

    /**
     * Starts reading at once.
     *
     * @param clientId the consumer's client id, also its thread's name
     * @param what the topic's content, for the log: "decisions"
     */
    public CompactedFeed(KafkaConnection kafka, String clientId, String topic, Class<V> type, String what,
            Listener<V> listener) {
        this(() -> consumer(kafka, clientId), clientId, topic, type, what, listener);
    }

    CompactedFeed(Supplier<Consumer<String, byte[]>> consumers, String threadName, String topic, Class<V> type,
            String what, Listener<V> listener) {
        this.consumers = consumers;
        this.topic = topic;
        this.type = type;
        this.what = what;
        this.listener = listener;
        this.progress = new FeedProgress(what);
        this.reader = new Thread(this::read, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    private static Consumer<String, byte[]> consumer(KafkaConnection kafka, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a position compacted away is read on from the earliest record left, never from the end
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // asking for a missing topic must not create it uncompacted
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(kafka.with(props), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The key's value, or {@code null}. */
    public V get(String key) {
        return byKey.get(key);
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    public Collection<V> all() {
        return byKey.values();
    }

    /** Whether Kafka answers, whether the feed has caught up once, its lag. */
    public FeedProgress.Status status() {
        return progress.status();
    }

    /** When the feed started: what its staleness counts from before Kafka first answered. */
    public Instant started() {
        return started;
    }

    private void read() {
        var backoff = Backoff.standard();
        Error death = null;
        try {
            long checkedAt = System.nanoTime() - CHECK_EVERY_NANOS;
            while (closed.getCount() > 0) {
                try {
                    if (consumer == null) {
                        consumer = consumers.get();
                        continue;
                    }
                    if (partitions.isEmpty()) {
                        assign();
                    }
                    for (var record : consumer.poll(Duration.ofMillis(100))) {
                        apply(record);
                    }
                    if (status().state() != FeedProgress.State.LIVE
                            || System.nanoTime() - checkedAt > CHECK_EVERY_NANOS) {
                        check();
                        checkedAt = System.nanoTime();
                    }
                    backoff.reset();
                } catch (WakeupException e) {
                    // closing
                } catch (RuntimeException e) {
                    progress.failed(e, Instant.now());
                    closed.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Error e) {
            death = e;
            throw e;
        } finally {
            progress.stopped(death);
            var made = consumer;
            if (made != null) {
                made.close(Duration.ofSeconds(2));
            }
        }
    }

    private void assign() {
        var found = consumer.partitionsFor(topic, CALL_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " not found");
        }
        consumer.assign(found);
        consumer.seekToBeginning(found);
        partitions = found;
        LOGGER.info(() -> "reading " + what + " from " + found.size() + " partitions");
    }

    /** Asks Kafka for the end offsets and compares them with the positions read. */
    private void check() {
        var ends = consumer.endOffsets(partitions, CALL_TIMEOUT);
        var positions = new HashMap<TopicPartition, Long>();
        for (var partition : partitions) {
            positions.put(partition, consumer.position(partition, CALL_TIMEOUT));
        }
        progress.observed(positions, ends, Instant.now());
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        var key = record.key();
        if (key == null) {
            return;
        }
        V previous;
        V current = null;
        if (record.value() == null) {
            previous = byKey.remove(key);
        } else {
            try {
                current = EventJson.read(record.value(), type);
            } catch (RuntimeException e) {
                // One unreadable record must not stop all the others.
                LOGGER.warning(() -> what + " record skipped: key=" + key + " partition=" + record.partition()
                        + " offset=" + record.offset() + " error=" + e.getClass().getSimpleName());
                return;
            }
            previous = byKey.put(key, current);
        }
        try {
            listener.changed(key, previous, current);
        } catch (RuntimeException e) {
            // the value is in force all the same; a listener only watches
            LOGGER.warning(() -> what + " listener failed for " + key + ": " + e);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        // a consumer made after this sees the count and is closed by its thread
        var made = consumer;
        if (made != null) {
            made.wakeup();
        }
    }
}
