package io.switchboard.runtime.kafka;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where a service's Kafka clients connect and how they prove who they are: {@code bootstrap.servers},
 * {@code security.protocol} and every {@code sasl.*} and {@code ssl.*} setting. Every client a service makes
 * (producers, consumers, admin clients; Kafka Streams takes the same settings through its own configuration) starts
 * from these, so a cluster that asks for SASL or TLS is reached by all of them. Other client settings are each
 * client's own and are not taken from here.
 */
public final class KafkaConnection {

    private final Map<String, Object> settings;

    private KafkaConnection(Map<String, Object> settings) {
        Object servers = settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (servers == null || servers.toString().isBlank()) {
            throw new IllegalArgumentException("kafka.bootstrap.servers is empty: say where the Kafka cluster is");
        }
        this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /**
     * The connection settings among a service's Kafka configuration, as Quarkus collects it from the {@code kafka.*}
     * properties (environment {@code KAFKA_SASL_MECHANISM} is {@code sasl.mechanism}); the rest is left out.
     */
    public static KafkaConnection of(Map<String, ?> kafkaConfig) {
        Map<String, Object> settings = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (isConnectionSetting(key)) {
                settings.put(key, value);
            }
        });
        return new KafkaConnection(settings);
    }

    /** A cluster that needs no authentication (PLAINTEXT). */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private static boolean isConnectionSetting(String key) {
        return key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                || key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
                || key.startsWith("sasl.") || key.startsWith("ssl.");
    }

    /** These settings and a client's own, for its constructor; the map is the caller's to change. */
    public Map<String, Object> with(Map<String, Object> client) {
        Map<String, Object> all = new HashMap<>(settings);
        client.forEach((key, value) -> {
            if (isConnectionSetting(key)) {
                throw new IllegalArgumentException(key + " is a connection setting: it comes from the connection");
            }
            all.put(key, value);
        });
        return all;
    }

    /** Names the settings, never their values (a JAAS configuration holds a password). */
    @Override
    public String toString() {
        return "KafkaConnection" + settings.keySet();
    }
}
