package io.switchboard.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The whole decisions topic in memory, latest decision per subject: every partition read from the beginning (no
 * consumer group, so every reader gets everything), committed records only, then followed as it grows. Fed by one
 * daemon thread, read from any. Kafka may be away at the start or any time later: the thread retries with
 * {@link Backoff} until it is closed, and {@link #status()} says whether what it holds can be trusted yet.
 */
public final class DecisionFeed implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(DecisionFeed.class.getName());
    /** The longest a call to Kafka may take before it counts as failed and is retried after a backoff. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    /** How often a live feed asks for the end offsets: its lag, and whether Kafka still answers. */
    private static final long CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Told of each change, on the feed's thread. */
    @FunctionalInterface
    public interface Listener {

        /** @param previous the subject's decision before, or {@code null}; {@code current} is {@code null} when cleared */
        void changed(String subject, Decision previous, Decision current);
    }

    private final Map<String, Decision> bySubject = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Listener listener;
    private final FeedProgress progress = new FeedProgress("decisions");
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Instant started = Instant.now();
    private final Thread reader;
    /** The reader thread's. */
    private List<TopicPartition> partitions = List.of();

    public DecisionFeed(String bootstrapServers, String clientId, Listener listener) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a position compacted away is read on from the earliest record left, never from the end
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // asking for a missing topic must not create it uncompacted
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.listener = listener;
        this.reader = new Thread(this::read, clientId);
        reader.setDaemon(true);
        reader.start();
    }

    /** The subject's decision, or {@code null}. */
    public Decision get(String subject) {
        return bySubject.get(subject);
    }

    public boolean isEmpty() {
        return bySubject.isEmpty();
    }

    public Collection<Decision> all() {
        return bySubject.values();
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
                    if (partitions.isEmpty()) {
                        assign();
                    }
                    for (var record : consumer.poll(Duration.ofMillis(100))) {
                        apply(record.key(), record.value());
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
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void assign() {
        var found = consumer.partitionsFor(Topics.DECISIONS, CALL_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("topic " + Topics.DECISIONS + " not found");
        }
        consumer.assign(found);
        consumer.seekToBeginning(found);
        partitions = found;
        LOGGER.info(() -> "reading decisions from " + found.size() + " partitions");
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

    private void apply(String subject, byte[] value) {
        if (subject == null) {
            return;
        }
        Decision previous;
        Decision decision = null;
        if (value == null) {
            previous = bySubject.remove(subject);
        } else {
            try {
                decision = EventJson.read(value, Decision.class);
            } catch (RuntimeException e) {
                // One unreadable record must not stop all the others.
                LOGGER.warning(() -> "decision for " + subject + " skipped: " + e.getClass().getSimpleName());
                return;
            }
            previous = bySubject.put(subject, decision);
        }
        try {
            listener.changed(subject, previous, decision);
        } catch (RuntimeException e) {
            // the decision is in force all the same; a listener only watches
            LOGGER.warning(() -> "decision listener failed for " + subject + ": " + e);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        consumer.wakeup();
    }
}
