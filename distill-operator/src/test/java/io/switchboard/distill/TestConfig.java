package io.switchboard.distill;

import java.util.Optional;

/** The operator's settings as the tests' golden files expect them. */
public record TestConfig(String catalogFile, String routerUrl, String routerKeySecret, String trainerImage,
        String workerImage, Optional<String> tracesBootstrapServers, Optional<String> tracesKafkaSecret,
        Optional<String> tracesKafkaTruststoreSecret, String tracesKafkaTruststoreKey,
        String tracesKafkaTruststorePasswordKey, String vllmImage) implements DistillConfig {

    public static TestConfig withCatalog(String catalogFile) {
        return new TestConfig(catalogFile, "http://switchboard-router:8080", "distill-router-key",
                "switchboard-trainer:test", "switchboard-distill-operator:test",
                Optional.of("switchboard-kafka-bootstrap:9092"), Optional.of("distill-kafka"), Optional.empty(),
                "truststore.p12", "truststore.password", "vllm/vllm-openai:test");
    }

    /** These settings with Kafka's trust store in the named Secret. */
    public TestConfig withTruststore(String secret) {
        return new TestConfig(catalogFile, routerUrl, routerKeySecret, trainerImage, workerImage,
                tracesBootstrapServers, tracesKafkaSecret, Optional.of(secret), "ca.p12", "ca.password", vllmImage);
    }

    /** These settings with Kafka's bootstrap servers and client settings Secret as given. */
    public TestConfig withTracesKafka(Optional<String> bootstrapServers, Optional<String> secret) {
        return new TestConfig(catalogFile, routerUrl, routerKeySecret, trainerImage, workerImage, bootstrapServers,
                secret, tracesKafkaTruststoreSecret, tracesKafkaTruststoreKey, tracesKafkaTruststorePasswordKey,
                vllmImage);
    }
}
