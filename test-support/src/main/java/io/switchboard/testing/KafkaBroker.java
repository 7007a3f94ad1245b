package io.switchboard.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;

/**
 * A real Apache Kafka broker (one combined KRaft node) inside the calling JVM, on a random port, with settings that
 * let transactions and consumer groups work with a single node. {@link #startWithSasl()} starts one that takes only
 * clients authenticated with SASL PLAIN, as a managed cluster would.
 */
public final class KafkaBroker implements AutoCloseable {

    /** The broker's super user (Kafka's test kit defines it); other users have no rights on a SASL broker. */
    private static final String SASL_JAAS_CONFIG = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"%s\" password=\"%s\";".formatted(JaasUtils.KAFKA_PLAIN_ADMIN,
                    JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD);

    private final KafkaClusterTestKit cluster;
    private final boolean sasl;

    private KafkaBroker(KafkaClusterTestKit cluster, boolean sasl) {
        this.cluster = cluster;
        this.sasl = sasl;
    }

    public static KafkaBroker start() {
        return start(SecurityProtocol.PLAINTEXT);
    }

    /** A broker whose clients must use SASL_PLAINTEXT with mechanism PLAIN and {@link #clientSettings()}' JAAS. */
    public static KafkaBroker startWithSasl() {
        return start(SecurityProtocol.SASL_PLAINTEXT);
    }

    private static KafkaBroker start(SecurityProtocol protocol) {
        try {
            var nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBrokerSecurityProtocol(protocol)
                    // the controller's listener too: the kit's authorizer lets only its SASL super user register
                    .setControllerSecurityProtocol(protocol)
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
            return new KafkaBroker(cluster, protocol == SecurityProtocol.SASL_PLAINTEXT);
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

    /** What a client needs to connect: the bootstrap servers and, on a SASL broker, its security settings. */
    public Map<String, Object> clientSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (sasl) {
            settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name);
            settings.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
            settings.put(SaslConfigs.SASL_JAAS_CONFIG, SASL_JAAS_CONFIG);
        }
        return settings;
    }

    /**
     * Connections to the clients' listener that have not authenticated: on a SASL broker, those of clients without
     * the SASL settings, which the broker closes at their first request (it counts them as created, never as
     * authenticated, nor as failed). A handshake under way counts too, so ask when the clients have settled: 0 means
     * every client that connected had the settings.
     */
    public long unauthenticatedConnections() {
        String listener = cluster.nodes().brokerListenerName().value();
        return Math.round(socketServerTotal(listener, "connection-creation-total")
                - socketServerTotal(listener, "successful-authentication-total"));
    }

    private double socketServerTotal(String listener, String name) {
        return cluster.brokers().values().stream()
                .flatMap(broker -> broker.metrics().metrics().entrySet().stream())
                .filter(metric -> metric.getKey().group().equals("socket-server-metrics")
                        && metric.getKey().name().equals(name)
                        && listener.equals(metric.getKey().tags().get("listener")))
                .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
                .sum();
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
        try (var admin = Admin.create(clientSettings())) {
            admin.createTopics(List.of(
                    new NewTopic(Topics.USAGE, 3, (short) 1),
                    new NewTopic(Topics.DECISIONS, 3, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(Topics.CONFIRMATIONS, 3, (short) 1),
                    new NewTopic(Topics.ROUTES, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(Topics.TRACES, 3, (short) 1)))
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
        props.putAll(clientSettings());
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
