package io.switchboard.distill;

import java.util.Optional;

/** The operator's settings as the tests' golden files expect them. */
public record TestConfig(String catalogFile, String routerUrl, String routerKeySecret, String trainerImage,
        String workerImage, Optional<String> tracesBootstrapServers, Optional<String> tracesKafkaSecret,
        Optional<String> tracesKafkaTruststoreSecret, String tracesKafkaTruststoreKey,
        String tracesKafkaTruststorePasswordKey, Optional<String> sharedStorageClass, String vllmImage)
        implements
            DistillConfig {

    public static TestConfig withCatalog(String catalogFile) {
        return new TestConfig(catalogFile, "http://switchboard-router:8080", "distill-router-key",
                "switchboard-trainer:test", "switchboard-distill-operator:test",
                Optional.of("switchboard-kafka-bootstrap:9092"), Optional.of("distill-kafka"), Optional.empty(),
                "truststore.p12", "truststore.password", Optional.empty(), "vllm/vllm-openai:test");
    }

    /** These settings with Kafka's trust store in the named Secret. */
    public TestConfig withTruststore(String secret) {
        return new TestConfig(catalogFile, routerUrl, routerKeySecret, trainerImage, workerImage,
                tracesBootstrapServers, tracesKafkaSecret, Optional.of(secret), "ca.p12", "ca.password",
                sharedStorageClass, vllmImage);
    }

    /** These settings with Kafka's bootstrap servers and client settings Secret as given. */
    public TestConfig withTracesKafka(Optional<String> bootstrapServers, Optional<String> secret) {
        return new TestConfig(catalogFile, routerUrl, routerKeySecret, trainerImage, workerImage, bootstrapServers,
                secret, tracesKafkaTruststoreSecret, tracesKafkaTruststoreKey, tracesKafkaTruststorePasswordKey,
                sharedStorageClass, vllmImage);
    }

    /** These settings with the named ReadWriteMany storage class for multi-node training. */
    public TestConfig withSharedStorageClass(String storageClass) {
        return new TestConfig(catalogFile, routerUrl, routerKeySecret, trainerImage, workerImage,
                tracesBootstrapServers, tracesKafkaSecret, tracesKafkaTruststoreSecret, tracesKafkaTruststoreKey,
                tracesKafkaTruststorePasswordKey, Optional.of(storageClass), vllmImage);
    }
}
