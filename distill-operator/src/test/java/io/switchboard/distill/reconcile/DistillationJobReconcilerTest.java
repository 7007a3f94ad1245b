package io.switchboard.distill.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.switchboard.distill.api.DistillationJob;

/** The operator against the fabric8 mock API server (CRUD): stages advance as their Jobs succeed or fail. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
class DistillationJobReconcilerTest {

    @Inject
    KubernetesClient client;

    @Test
    void eachStageStartsWhenThePreviousJobSucceedsAndAFailedJobFailsTheJob() throws IOException {
        // given
        DistillationJob job = example("tickets");
        client.resource(job).create();

        // when the dataset Job succeeds
        Job dataset = awaitJob("tickets-dataset");
        assertThat(dataset.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getName()).isEqualTo("tickets"));
        assertThat(status("tickets").stage).isEqualTo("Dataset");
        finish(dataset, "Complete", "Done");

        // then training starts
        Job training = awaitJob("tickets-train");
        assertThat(training.getMetadata().getLabels()).containsEntry("kueue.x-k8s.io/queue-name", "team-ml");
        await().untilAsserted(() -> assertThat(condition("tickets", "DatasetReady").getStatus()).isEqualTo("True"));

        // when training fails
        finish(training, "Failed", "BackoffLimitExceeded");

        // then the job has failed, naming the stage
        await().untilAsserted(() -> {
            assertThat(status("tickets").stage).isEqualTo("Failed");
            assertThat(condition("tickets", "Failed").getReason()).isEqualTo("TrainingFailed");
            assertThat(condition("tickets", "Trained").getMessage()).contains("tickets-train");
        });
        assertThat(client.apps().deployments().withName("tickets-student").get()).isNull();
    }

    @Test
    void aStudentOutsideTheCatalogIsRefusedNamingTheField() throws IOException {
        // given
        DistillationJob job = example("unknown");
        job.getSpec().student.base = "gpt-5-nano";

        // when
        client.resource(job).create();

        // then
        await().untilAsserted(() -> {
            Condition accepted = condition("unknown", "Accepted");
            assertThat(accepted.getStatus()).isEqualTo("False");
            assertThat(accepted.getReason()).isEqualTo("UnknownStudent");
            assertThat(accepted.getMessage()).contains("spec.student.base").contains("gpt-5-nano");
        });
        assertThat(client.batch().v1().jobs().withName("unknown-dataset").get()).isNull();
    }

    @Test
    void suspendingDeletesTheRunningJobAndResumingStartsItAgain() throws IOException {
        // given
        client.resource(example("paused")).create();
        awaitJob("paused-dataset");

        // when
        client.resources(DistillationJob.class).withName("paused").edit(job -> {
            job.getSpec().suspend = true;
            return job;
        });

        // then
        await().untilAsserted(() -> {
            assertThat(client.batch().v1().jobs().withName("paused-dataset").get()).isNull();
            assertThat(status("paused").stage).isEqualTo("Suspended");
        });

        // when
        client.resources(DistillationJob.class).withName("paused").edit(job -> {
            job.getSpec().suspend = false;
            return job;
        });

        // then
        awaitJob("paused-dataset");
        await().untilAsserted(() -> assertThat(status("paused").stage).isEqualTo("Dataset"));
    }

    @Test
    void aPipelinePastItsDeadlineFailsAndItsJobsAreDeleted() throws IOException {
        // given
        DistillationJob job = example("late");
        job.getSpec().activeDeadlineSeconds = 3L;
        client.resource(job).create();
        awaitJob("late-dataset");

        // then, with no further event
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(status("late").stage).isEqualTo("Failed");
            assertThat(condition("late", "Failed").getReason()).isEqualTo("DeadlineExceeded");
            assertThat(condition("late", "Failed").getMessage()).contains("spec.activeDeadlineSeconds");
            assertThat(client.batch().v1().jobs().withName("late-dataset").get()).isNull();
        });
    }

    @Test
    void aSpecChangedMidRunStartsAgainFromTheDataset() throws IOException {
        // given training has started
        client.resource(example("edited")).create();
        finish(awaitJob("edited-dataset"), "Complete", "Done");
        awaitJob("edited-train");

        // when
        client.resources(DistillationJob.class).withName("edited").edit(job -> {
            job.getSpec().split.seed = 8L;
            return job;
        });

        // then the Jobs of the old generation are gone and the dataset stage runs for the new one
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Job dataset = client.batch().v1().jobs().withName("edited-dataset").get();
            assertThat(dataset).isNotNull();
            assertThat(dataset.getMetadata().getAnnotations()).containsEntry("switchboard.dev/generation", "2");
            assertThat(dataset.getStatus()).isNull();
            assertThat(client.batch().v1().jobs().withName("edited-train").get()).isNull();
            assertThat(status("edited").stage).isEqualTo("Dataset");
            assertThat(status("edited").observedGeneration).isEqualTo(2L);
        });
    }

    private DistillationJob example(String name) throws IOException {
        DistillationJob job = client.getKubernetesSerialization()
                .unmarshal(Files.readString(Path.of("../k8s/examples/distillationjob.yaml")), DistillationJob.class);
        job.getMetadata().setName(name);
        return job;
    }

    private Job awaitJob(String name) {
        await().atMost(Duration.ofSeconds(20)).until(() -> client.batch().v1().jobs().withName(name).get() != null);
        return client.batch().v1().jobs().withName(name).get();
    }

    private void finish(Job job, String type, String reason) {
        job.setStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder().withType(type)
                .withStatus("True").withReason(reason).withMessage(reason).build()).build());
        client.resource(job).updateStatus();
    }

    private io.switchboard.distill.api.DistillationJobStatus status(String name) {
        DistillationJob job = client.resources(DistillationJob.class).withName(name).get();
        assertThat(job.getStatus()).as("status of %s", name).isNotNull();
        return job.getStatus();
    }

    private Condition condition(String name, String type) {
        return status(name).conditions.stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow(() -> new AssertionError(type + " not set on " + name));
    }
}
