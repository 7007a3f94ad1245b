package io.switchboard.events;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
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
 * daemon thread, read from any.
 */
public final class DecisionFeed implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(DecisionFeed.class.getName());

    /** Told of each change, on the feed's thread. */
    @FunctionalInterface
    public interface Listener {

        /** @param previous the subject's decision before, or {@code null}; {@code current} is {@code null} when cleared */
        void changed(String subject, Decision previous, Decision current);
    }

    private final Map<String, Decision> bySubject = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Listener listener;
    private volatile boolean running = true;

    public DecisionFeed(String bootstrapServers, String clientId, Listener listener) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.listener = listener;
        var reader = new Thread(this::read, clientId);
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

    private void read() {
        try {
            var partitions = List.<TopicPartition>of();
            while (running && partitions.isEmpty()) {
                partitions = consumer.partitionsFor(Topics.DECISIONS, Duration.ofSeconds(5)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                if (partitions.isEmpty()) {
                    Thread.sleep(1000);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            LOGGER.info(() -> "reading decisions from " + consumer.assignment().size() + " partitions");
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    apply(record.key(), record.value());
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            LOGGER.log(Level.SEVERE, "decisions are no longer read; those known stay as they are: " + e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(String subject, byte[] value) {
        if (subject == null) {
            return;
        }
        if (value == null) {
            var previous = bySubject.remove(subject);
            listener.changed(subject, previous, null);
            return;
        }
        Decision decision;
        try {
            decision = EventJson.read(value, Decision.class);
        } catch (RuntimeException e) {
            // One unreadable record must not stop all the others.
            LOGGER.warning(() -> "decision for " + subject + " skipped: " + e);
            return;
        }
        listener.changed(subject, bySubject.put(subject, decision), decision);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
