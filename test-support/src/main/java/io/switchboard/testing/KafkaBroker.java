package io.switchboard.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;

/**
 * A real Apache Kafka broker (one combined KRaft node) inside the calling JVM, on a random port, with settings that
 * let transactions and consumer groups work with a single node.
 */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static KafkaBroker start() {
        try {
            var nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            var cluster = new KafkaClusterTestKit.Builder(nodes)
                    // a port of its own rather than 0, so that a restarted broker is found where clients left it
                    .setConfigProp("listeners", "%s://localhost:%d,%s://localhost:0".formatted(
                            nodes.brokerListenerName().value(), freePort(), nodes.controllerListenerName().value()))
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "3")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaBroker(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("the in-JVM Kafka broker did not start", e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Stops the broker as an outage would: clients lose it, its data and its port are kept for {@link #restart}. */
    public void stop() {
        cluster.brokers().values().forEach(broker -> broker.shutdown());
    }

    /** Starts a broker stopped by {@link #stop} again, on the same port with the same data, and waits until it serves. */
    public void restart() {
        // Kafka loads its metrics reporters through the thread's context class loader: from a pool thread (another
        // loader than a Quarkus test's) they would not be the broker's classes, and the start fails.
        var thread = Thread.currentThread();
        var loader = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaBroker.class.getClassLoader());
        try {
            cluster.brokers().values().forEach(broker -> broker.startup());
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("the in-JVM Kafka broker did not restart", e);
        } finally {
            thread.setContextClassLoader(loader);
        }
    }

    /** The topics of the Switchboard contract, as a deployment creates them: decisions and routes compacted. */
    public void createSwitchboardTopics() {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(Topics.USAGE, 3, (short) 1),
                    new NewTopic(Topics.DECISIONS, 3, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(Topics.CONFIRMATIONS, 3, (short) 1),
                    new NewTopic(Topics.ROUTES, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics", e);
        }
    }

    /**
     * Reads a topic from the beginning for the records that match (skipping those that are no {@code type}): returns once at least one has arrived and half a
     * second more brought no other (so a duplicate would be seen), or when {@code within} is up.
     */
    public <T> List<Keyed<T>> readMatching(String topic, Class<T> type, Predicate<T> match, Duration within) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var records = new ArrayList<Keyed<T>>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + within.toNanos();
            long settledAt = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settledAt)) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    var value = readable(record.value(), type);
                    if (value != null && match.test(value)) {
                        records.add(new Keyed<>(record.key(), value));
                        settledAt = System.nanoTime() + Duration.ofMillis(500).toNanos();
                    }
                }
            }
        }
        return records;
    }

    /** The record's value, or {@code null} for a tombstone or a record that is not a {@code type} (a test's poison). */
    private static <T> T readable(byte[] value, Class<T> type) {
        try {
            return value == null ? null : EventJson.read(value, type);
        } catch (EventJson.EventFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("the in-JVM Kafka broker did not stop cleanly", e);
        }
    }

    public record Keyed<T>(String key, T value) {
    }
}
