package io.switchboard.distill.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.switchboard.distill.TestConfig;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.FromTraffic;
import io.switchboard.distill.catalog.CatalogFile;

/** When a job whose examples are captured traffic can run: the operator must be able to hand Kafka to its Job. */
class PipelineInputsTest {

    @Test
    void capturedTrafficNeedsKafkaAndItsCredentialsWhereKafkaAsksForThem() throws IOException {
        var job = trafficJob();
        var full = TestConfig.withCatalog("absent");
        var noKafka = new TestConfig(full.catalogFile(), full.routerUrl(), full.routerKeySecret(), full.trainerImage(),
                full.workerImage(), Optional.empty(), Optional.empty(), full.vllmImage());
        var noSecret = new TestConfig(full.catalogFile(), full.routerUrl(), full.routerKeySecret(),
                full.trainerImage(), full.workerImage(), full.tracesBootstrapServers(), Optional.empty(),
                full.vllmImage());

        assertThat(new PipelineInputs(new CatalogFile(full), full, "SASL_SSL").refusal(job)).isEmpty();
        assertThat(new PipelineInputs(new CatalogFile(noSecret), noSecret, "PLAINTEXT").refusal(job)).isEmpty();
        assertThat(new PipelineInputs(new CatalogFile(noKafka), noKafka, "PLAINTEXT").refusal(job))
                .hasValueSatisfying(refused -> {
                    assertThat(refused.reason()).isEqualTo("DatasetUnavailable");
                    assertThat(refused.getMessage()).startsWith("spec.dataset.fromTraffic: ")
                            .contains("switchboard.distill.traces-bootstrap-servers");
                });
        assertThat(new PipelineInputs(new CatalogFile(noSecret), noSecret, "SASL_PLAINTEXT").refusal(job))
                .hasValueSatisfying(refused -> assertThat(refused.getMessage())
                        .contains("switchboard.distill.traces-kafka-secret"));
    }

    private static DistillationJob trafficJob() throws IOException {
        var job = new KubernetesSerialization().unmarshal(
                Files.readString(Path.of("../k8s/examples/distillationjob.yaml")), DistillationJob.class);
        job.getMetadata().setNamespace("ml");
        job.getMetadata().setGeneration(1L);
        job.getSpec().dataset.uri = null;
        job.getSpec().dataset.fromTraffic = new FromTraffic();
        return job;
    }
}
