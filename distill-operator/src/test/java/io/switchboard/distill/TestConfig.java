package io.switchboard.distill;

import java.util.Optional;

/** The operator's settings as the tests' golden files expect them. */
public record TestConfig(String catalogFile, String routerUrl, String routerKeySecret, String trainerImage,
        String workerImage, Optional<String> tracesBootstrapServers, Optional<String> tracesKafkaSecret,
        String vllmImage) implements DistillConfig {

    public static TestConfig withCatalog(String catalogFile) {
        return new TestConfig(catalogFile, "http://switchboard-router:8080", "distill-router-key",
                "switchboard-trainer:test", "switchboard-distill-operator:test",
                Optional.of("switchboard-kafka-bootstrap:9092"), Optional.of("distill-kafka"), "vllm/vllm-openai:test");
    }
}
