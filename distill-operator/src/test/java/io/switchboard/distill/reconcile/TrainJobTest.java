package io.switchboard.distill.reconcile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.Training;
import io.switchboard.distill.report.Summaries;
import io.switchboard.testing.KafkaBrokerResource;

/**
 * spec.training.backend TrainJob, on a cluster with Kubeflow Trainer: the training stage is a TrainJob on a
 * TrainingRuntime of the job's own, instead of a Job, and the pipeline reads its outcome as it reads a Job's. The tests
 * play Kubeflow Trainer's controller, setting the TrainJob's conditions.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = KubeflowTrainerSetup.class)
@WithTestResource(KafkaBrokerResource.class)
class TrainJobTest {

    @Inject
    KubernetesClient client;

    @Inject
    Cluster cluster;

    @Test
    @SuppressWarnings("unchecked")
    void aStudentTrainedOnTwoNodesOfKubeflowTrainerIsEvaluatedAndPromoted() throws Exception {
        // given: the example job, on two nodes of Kubeflow Trainer
        createOnTrainer("on-trainer", 2);

        // when: its dataset is ready
        cluster.finish(cluster.awaitJob("on-trainer-dataset"), "Complete", "Done");

        // then: a TrainJob on the job's own runtime, and no training Job
        GenericKubernetesResource trainJob = awaitTrainJob("on-trainer-train");
        assertThat(trainJob.getMetadata().getLabels()).containsEntry("kueue.x-k8s.io/queue-name", "team-ml")
                .containsEntry("switchboard.dev/stage", "train");
        assertThat(trainJob.getMetadata().getAnnotations()).containsEntry("switchboard.dev/candidate",
                "qwen2.5-0.5b");
        Map<String, Object> spec = map(trainJob.getAdditionalProperties().get("spec"));
        assertThat(spec.get("runtimeRef")).isEqualTo(Map.of("apiGroup", "trainer.kubeflow.org", "kind",
                "TrainingRuntime", "name", "on-trainer-train-runtime"));
        Map<String, Object> trainer = map(spec.get("trainer"));
        assertThat(trainer.get("command")).isEqualTo(List.of("torchrun", "--module", "switchboard_trainer"));
        assertThat((List<Object>) trainer.get("args")).startsWith("train", "--train", "/workspace/data/train.jsonl")
                .contains("--output", "/workspace/student");
        assertThat(trainer).containsEntry("numNodes", 2).containsEntry("numProcPerNode", 1)
                .containsEntry("image", "switchboard-trainer:test");
        assertThat(map(map(trainer.get("resourcesPerNode")).get("limits"))).containsEntry("nvidia.com/gpu", "1");
        var runtime = await().atMost(Duration.ofSeconds(20))
                .until(() -> trainer("TrainingRuntime").withName("on-trainer-train-runtime").get(),
                        found -> found != null);
        String runtimeYaml = client.getKubernetesSerialization().asYaml(runtime.getAdditionalProperties());
        assertThat(runtimeYaml).contains("trainer.kubeflow.org/trainjob-ancestor-step: \"trainer\"")
                .contains("claimName: \"on-trainer-workspace-shared\"")
                .contains("nvidia.com/gpu.product: \"NVIDIA-L4\"")
                .contains("name: \"node\"");
        assertThat(client.batch().v1().jobs().withName("on-trainer-train").get()).isNull();
        var workspace = client.persistentVolumeClaims().withName("on-trainer-workspace-shared").get();
        assertThat(workspace.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        assertThat(workspace.getSpec().getStorageClassName()).isEqualTo("shared-rwx");
        await().untilAsserted(() -> {
            assertThat(cluster.status("on-trainer").stage).isEqualTo("Training");
            assertThat(cluster.condition("on-trainer", "Trained").getMessage())
                    .isEqualTo("TrainJob on-trainer-train is running.");
        });

        // when: Kueue holds the TrainJob, then admits it
        holdByKueue("on-trainer-train", true);

        // then
        await().untilAsserted(() -> {
            assertThat(cluster.condition("on-trainer", "Trained").getReason()).isEqualTo("Queued");
            assertThat(cluster.condition("on-trainer", "Trained").getMessage())
                    .isEqualTo("TrainJob on-trainer-train waits for Kueue to admit it to queue team-ml.");
        });
        assertThat(JsonPath.from(given().get("/pipeline/api/jobs/test/on-trainer").then().statusCode(200).extract()
                .asString()).getString("stages.find { it.id == 'train' }.state")).isEqualTo("queued");
        holdByKueue("on-trainer-train", false);
        await().untilAsserted(() -> assertThat(cluster.condition("on-trainer", "Trained").getReason())
                .isEqualTo("Running"));

        // when: Kubeflow Trainer says it completed, and the student serves and is evaluated
        complete(trainer("TrainJob").withName("on-trainer-train").get(), "Complete", "JobsCompleted",
                "jobset completed");
        await().atMost(Duration.ofSeconds(20)).until(() -> client.apps().deployments()
                .withName("on-trainer-student").get() != null);
        var student = client.apps().deployments().withName("on-trainer-student").get();
        student.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(1)
                .withReadyReplicas(1).withAvailableReplicas(1).build());
        client.resource(student).updateStatus();
        cluster.evaluate(cluster.awaitJob("on-trainer-eval"), Summaries.json(Summaries.example()));

        // then
        await().untilAsserted(() -> assertThat(cluster.status("on-trainer").stage).isEqualTo("Succeeded"));
        assertThat(cluster.condition("on-trainer", "Trained").getMessage())
                .isEqualTo("TrainJob on-trainer-train succeeded.");
        assertThat(cluster.condition("on-trainer", "Promoted").getStatus()).isEqualTo("True");
        // and the pipeline view shows the TrainJob as the training stage, with its nodes' logs
        var training = JsonPath.from(given().get("/pipeline/api/jobs/test/on-trainer").then().statusCode(200)
                .extract().asString()).getMap("stages.find { it.id == 'train' }");
        assertThat(training).containsEntry("state", "succeeded")
                .containsEntry("object", "TrainJob on-trainer-train (qwen2.5-0.5b)")
                .containsEntry("logs", "kubectl logs -n test -l trainer.kubeflow.org/trainjob-name=on-trainer-train");
        assertThat(training.get("seconds")).isNotNull();
    }

    @Test
    void aFailedTrainJobFailsThePipelineWithKubeflowTrainersReason() {
        // given
        createOnTrainer("trainer-fails", null);
        cluster.finish(cluster.awaitJob("trainer-fails-dataset"), "Complete", "Done");

        // when
        complete(awaitTrainJob("trainer-fails-train"), "Failed", "DeadlineExceeded", "jobset failed: deadline");

        // then
        await().untilAsserted(() -> assertThat(cluster.status("trainer-fails").stage).isEqualTo("Failed"));
        assertThat(cluster.condition("trainer-fails", "Failed")).satisfies(condition -> {
            assertThat(condition.getReason()).isEqualTo("TrainingFailed");
            assertThat(condition.getMessage()).isEqualTo("TrainJob trainer-fails-train: jobset failed: deadline");
        });
        assertThat(cluster.condition("trainer-fails", "Trained").getReason()).isEqualTo("DeadlineExceeded");
        var workspace = client.persistentVolumeClaims().withName("trainer-fails-workspace").get();
        assertThat(workspace.getSpec().getAccessModes()).as("one node: the claim of every job")
                .containsExactly("ReadWriteOnce");
    }

    @Test
    void aSuspendedJobsTrainJobIsDeletedAndItsWorkspaceKept() {
        // given: a job training on Kubeflow Trainer
        createOnTrainer("paused", null);
        cluster.finish(cluster.awaitJob("paused-dataset"), "Complete", "Done");
        awaitTrainJob("paused-train");

        // when
        cluster.editSpec("paused", spec -> spec.suspend = true);

        // then: the training stops; the workspace stays for the resume
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(trainer("TrainJob").withName("paused-train").get()).isNull();
            assertThat(cluster.status("paused").stage).isEqualTo("Suspended");
        });
        assertThat(client.persistentVolumeClaims().withName("paused-workspace").get()).isNotNull();
    }

    @Test
    void aJobMovedToSeveralNodesGetsASharedClaimAndItsFormerClaimIsDeleted() {
        // given: a job on one node, and its ReadWriteOnce claim
        createOnTrainer("grown", null);
        cluster.awaitJob("grown-dataset");
        assertThat(client.persistentVolumeClaims().withName("grown-workspace").get()).isNotNull();

        // when
        cluster.editSpec("grown", spec -> spec.training.nodes = 2);

        // then
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var shared = client.persistentVolumeClaims().withName("grown-workspace-shared").get();
            assertThat(shared).isNotNull();
            assertThat(shared.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
            assertThat(client.persistentVolumeClaims().withName("grown-workspace").get()).isNull();
        });
    }

    @Test
    void aTrainJobOfAJobTheOperatorRefusesAfterAcceptingItIsKept() throws Exception {
        // given: a job training on Kubeflow Trainer
        createOnTrainer("kept-trainer", null);
        cluster.finish(cluster.awaitJob("kept-trainer-dataset"), "Complete", "Done");
        awaitTrainJob("kept-trainer-train");
        try (var catalog = cluster.catalogWithoutTheExampleStudent()) {
            // when the catalog loses the job's student, and the TrainJob changes
            holdByKueue("kept-trainer-train", true);

            // then its TrainJob and runtime stay
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(trainer("TrainJob").withName("kept-trainer-train").get()).isNotNull();
                assertThat(trainer("TrainingRuntime").withName("kept-trainer-train-runtime").get()).isNotNull();
                assertThat(client.persistentVolumeClaims().withName("kept-trainer-workspace").get()).isNotNull();
            });
        }

        // when the catalog is mended and the TrainJob completes, the student is served
        holdByKueue("kept-trainer-train", false);
        complete(trainer("TrainJob").withName("kept-trainer-train").get(), "Complete", "JobsCompleted", "done");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.apps().deployments().withName("kept-trainer-student").get() != null);
    }

    /** The example job, trained on Kubeflow Trainer on {@code nodes} nodes (null: the default). */
    private void createOnTrainer(String name, Integer nodes) {
        DistillationJob job = cluster.example(name);
        job.getSpec().training = new Training();
        job.getSpec().training.backend = Training.Backend.TrainJob;
        job.getSpec().training.nodes = nodes;
        client.resource(job).create();
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> trainer(
            String kind) {
        return client.genericKubernetesResources("trainer.kubeflow.org/v1alpha1", kind);
    }

    private GenericKubernetesResource awaitTrainJob(String name) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> trainer("TrainJob").withName(name).get(),
                found -> found != null);
    }

    /** Kueue suspends a TrainJob its queue has not admitted, and lifts that once admitted. */
    private void holdByKueue(String name, boolean held) {
        trainer("TrainJob").withName(name).edit(trainJob -> {
            map(trainJob.getAdditionalProperties().get("spec")).put("suspend", held);
            return trainJob;
        });
    }

    /** Kubeflow Trainer's controller sets the TrainJob's terminal condition. */
    private void complete(GenericKubernetesResource trainJob, String type, String reason, String message) {
        trainJob.getAdditionalProperties().put("status", Map.of("conditions", List.of(Map.of("type", type, "status",
                "True", "reason", reason, "message", message, "lastTransitionTime", "2026-12-07T15:00:00Z"))));
        trainer("TrainJob").resource(trainJob).updateStatus();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
