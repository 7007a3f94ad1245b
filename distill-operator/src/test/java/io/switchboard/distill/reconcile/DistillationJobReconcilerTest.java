package io.switchboard.distill.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
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

    @Inject
    Cluster cluster;

    @Test
    void eachStageStartsWhenThePreviousJobSucceedsAndAFailedJobFailsTheJob() {
        // given
        DistillationJob job = cluster.example("tickets");
        client.resource(job).create();

        // when the dataset Job succeeds
        Job dataset = cluster.awaitJob("tickets-dataset");
        assertThat(dataset.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getName()).isEqualTo("tickets"));
        assertThat(cluster.status("tickets").stage).isEqualTo("Dataset");
        cluster.finish(dataset, "Complete", "Done");

        // then training starts
        Job training = cluster.awaitJob("tickets-train");
        assertThat(training.getMetadata().getLabels()).containsEntry("kueue.x-k8s.io/queue-name", "team-ml");
        await().untilAsserted(
                () -> assertThat(cluster.condition("tickets", "DatasetReady").getStatus()).isEqualTo("True"));

        // when training fails
        cluster.finish(training, "Failed", "BackoffLimitExceeded");

        // then the job has failed, naming the stage
        await().untilAsserted(() -> {
            assertThat(cluster.status("tickets").stage).isEqualTo("Failed");
            assertThat(cluster.condition("tickets", "Failed").getReason()).isEqualTo("TrainingFailed");
            assertThat(cluster.condition("tickets", "Trained").getMessage()).contains("tickets-train");
        });
        assertThat(client.apps().deployments().withName("tickets-student").get()).isNull();
    }

    @Test
    void aStudentOutsideTheCatalogIsRefusedNamingTheField() {
        // given
        DistillationJob job = cluster.example("unknown");
        job.getSpec().student.base = "gpt-5-nano";

        // when
        client.resource(job).create();

        // then
        await().untilAsserted(() -> {
            Condition accepted = cluster.condition("unknown", "Accepted");
            assertThat(accepted.getStatus()).isEqualTo("False");
            assertThat(accepted.getReason()).isEqualTo("UnknownStudent");
            assertThat(accepted.getMessage()).contains("spec.student.base").contains("gpt-5-nano");
        });
        assertThat(client.batch().v1().jobs().withName("unknown-dataset").get()).isNull();
    }

    @Test
    void aSpecRefusedMidRunFailsAndItsStagesAreDeleted() {
        // given training has started and the student serves
        client.resource(cluster.example("retyped")).create();
        cluster.finish(cluster.awaitJob("retyped-dataset"), "Complete", "Done");
        cluster.finish(cluster.awaitJob("retyped-train"), "Complete", "Done");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.apps().deployments().withName("retyped-student").get() != null);

        // when the spec is edited to name a student outside the catalog
        cluster.editSpec("retyped", spec -> spec.student.base = "gpt-5-nano");

        // then the job says why, and nothing of the earlier generation keeps running
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(cluster.status("retyped").observedGeneration).isEqualTo(2L);
            assertThat(cluster.status("retyped").stage).isEqualTo("Failed");
            Condition accepted = cluster.condition("retyped", "Accepted");
            assertThat(accepted.getStatus()).isEqualTo("False");
            assertThat(accepted.getReason()).isEqualTo("UnknownStudent");
            assertThat(client.batch().v1().jobs().withLabel("switchboard.dev/distillation-job", "retyped").list()
                    .getItems()).isEmpty();
            assertThat(client.apps().deployments().withName("retyped-student").get()).isNull();
            assertThat(client.services().withName("retyped-student").get()).isNull();
            assertThat(client.persistentVolumeClaims().withName("retyped-workspace").get()).isNull();
        });
    }

    @Test
    void aJobTheOperatorRefusesAfterAcceptingItKeepsWhatItBuilt() throws Exception {
        // given training is done and the student's server starts
        client.resource(cluster.example("kept")).create();
        cluster.finish(cluster.awaitJob("kept-dataset"), "Complete", "Done");
        cluster.finish(cluster.awaitJob("kept-train"), "Complete", "Done");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.apps().deployments().withName("kept-student").get() != null);
        await().untilAsserted(() -> assertThat(cluster.status("kept").stage).isEqualTo("Serving"));
        try (var catalog = cluster.catalogWithoutTheExampleStudent()) {
            // when the operator's catalog loses the job's student, and the student becomes available
            makeAvailable("kept-student", 1);

            // then nothing it built is deleted, and its status stands
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(client.apps().deployments().withName("kept-student").get()).isNotNull();
                assertThat(client.services().withName("kept-student").get()).isNotNull();
                assertThat(client.persistentVolumeClaims().withName("kept-workspace").get()).isNotNull();
                assertThat(client.batch().v1().jobs().withName("kept-train").get()).isNotNull();
                assertThat(client.batch().v1().jobs().withName("kept-eval").get()).isNull();
                assertThat(cluster.status("kept").stage).isEqualTo("Serving");
                assertThat(cluster.condition("kept", "Accepted").getStatus()).isEqualTo("True");
            });
        }

        // when the catalog is mended, the job goes on: its evaluation starts
        makeAvailable("kept-student", 2);
        cluster.awaitJob("kept-eval");
    }

    /** The Deployment controller reports {@code replicas} available replicas. */
    private void makeAvailable(String name, int replicas) {
        var student = client.apps().deployments().withName(name).get();
        student.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas)
                .withAvailableReplicas(replicas).build());
        client.resource(student).updateStatus();
    }

    @Test
    void suspendingDeletesTheRunningJobAndResumingStartsItAgain() {
        // given
        client.resource(cluster.example("paused")).create();
        cluster.awaitJob("paused-dataset");

        // when
        cluster.editSpec("paused", spec -> spec.suspend = true);

        // then
        await().untilAsserted(() -> {
            assertThat(client.batch().v1().jobs().withName("paused-dataset").get()).isNull();
            assertThat(cluster.status("paused").stage).isEqualTo("Suspended");
        });

        // when
        cluster.editSpec("paused", spec -> spec.suspend = false);

        // then
        cluster.awaitJob("paused-dataset");
        await().untilAsserted(() -> assertThat(cluster.status("paused").stage).isEqualTo("Dataset"));
    }

    @Test
    void aPipelinePastItsDeadlineFailsAndItsJobsAreDeleted() {
        // given
        DistillationJob job = cluster.example("late");
        job.getSpec().activeDeadlineSeconds = 3L;
        client.resource(job).create();
        cluster.awaitJob("late-dataset");

        // then, with no further event
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(cluster.status("late").stage).isEqualTo("Failed");
            assertThat(cluster.condition("late", "Failed").getReason()).isEqualTo("DeadlineExceeded");
            assertThat(cluster.condition("late", "Failed").getMessage()).contains("spec.activeDeadlineSeconds");
            assertThat(client.batch().v1().jobs().withName("late-dataset").get()).isNull();
        });
    }

    @Test
    void aSpecChangedMidRunStartsAgainFromTheDataset() {
        // given training has started
        client.resource(cluster.example("edited")).create();
        cluster.finish(cluster.awaitJob("edited-dataset"), "Complete", "Done");
        cluster.awaitJob("edited-train");

        // when
        cluster.editSpec("edited", spec -> spec.split.seed = 8L);

        // then the Jobs of the old generation are gone and the dataset stage runs for the new one
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Job dataset = client.batch().v1().jobs().withName("edited-dataset").get();
            assertThat(dataset).isNotNull();
            assertThat(dataset.getMetadata().getAnnotations()).containsEntry("switchboard.dev/generation", "2");
            assertThat(dataset.getStatus()).isNull();
            assertThat(client.batch().v1().jobs().withName("edited-train").get()).isNull();
            assertThat(cluster.status("edited").stage).isEqualTo("Dataset");
            assertThat(cluster.status("edited").observedGeneration).isEqualTo(2L);
        });
    }
}
