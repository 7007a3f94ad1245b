package io.switchboard.distill;

/** The operator's settings as the tests' golden files expect them. */
public record TestConfig(String catalogFile, String routerUrl, String routerKeySecret, String trainerImage,
        String workerImage, String vllmImage) implements DistillConfig {

    public static TestConfig withCatalog(String catalogFile) {
        return new TestConfig(catalogFile, "http://switchboard-router:8080", "distill-router-key",
                "switchboard-trainer:test", "switchboard-distill-operator:test", "vllm/vllm-openai:test");
    }
}
