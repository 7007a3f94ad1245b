package io.switchboard.distill.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.inject.Singleton;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.DistillationJobSpec;
import io.switchboard.distill.api.DistillationJobStatus;
import io.switchboard.distill.api.Training;
import io.switchboard.distill.model.Inputs;

/**
 * The mock API server as the operator would find a cluster: the tests play the Job and Deployment controllers and the
 * kubelet, finishing Jobs, making the student available and leaving the evaluation pod's termination message.
 */
@Singleton
final class Cluster {

    private final KubernetesClient client;

    Cluster(KubernetesClient client) {
        this.client = client;
    }

    /** The example of k8s/examples under another name. */
    DistillationJob example(String name) {
        try {
            DistillationJob job = client.getKubernetesSerialization().unmarshal(
                    Files.readString(Path.of("../k8s/examples/distillationjob.yaml")), DistillationJob.class);
            job.getMetadata().setName(name);
            return job;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example choosing among {@code candidates}, that many trained at once. */
    DistillationJob choosing(String name, int parallelism, String... candidates) {
        DistillationJob job = example(name);
        job.getSpec().student = null;
        job.getSpec().candidates = List.of(candidates);
        job.getSpec().training = new Training();
        job.getSpec().training.parallelism = parallelism;
        return job;
    }

    Job awaitJob(String name) {
        await().atMost(Duration.ofSeconds(20)).until(() -> client.batch().v1().jobs().withName(name).get() != null);
        return client.batch().v1().jobs().withName(name).get();
    }

    void finish(Job job, String type, String reason) {
        job.setStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder().withType(type)
                .withStatus("True").withReason(reason).withMessage(reason).build()).build());
        client.resource(job).updateStatus();
    }

    /** Runs the job's dataset and training Jobs and starts its student: returns the evaluation Job. */
    Job runToEvaluation(String name) {
        finish(awaitJob(name + "-dataset"), "Complete", "Done");
        await().atMost(Duration.ofSeconds(20)).until(() -> client.resources(DistillationJob.class).withName(name)
                .get().getStatus() != null);
        return candidateToEvaluation(name, status(name).candidate);
    }

    /** Runs the candidate's training Job and starts its student: returns its evaluation Job. */
    Job candidateToEvaluation(String name, String candidate) {
        finish(awaitJob(trainingName(name, candidate), candidate), "Complete", "Done");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> candidateOf(client.apps().deployments().withName(name + "-student").get(), candidate));
        Deployment student = client.apps().deployments().withName(name + "-student").get();
        student.setStatus(new DeploymentStatusBuilder().withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1)
                .build());
        client.resource(student).updateStatus();
        return awaitJob(name + "-eval", candidate);
    }

    /** The name of the candidate's training Job: of its own when the job lists candidates. */
    String trainingName(String name, String candidate) {
        boolean listed = client.resources(DistillationJob.class).withName(name).get().getSpec().candidates != null;
        return Inputs.trainingName(name, listed ? candidate : null);
    }

    /** The Job made for the candidate: an earlier candidate's of the same name is deleted first. */
    Job awaitJob(String name, String candidate) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> candidateOf(client.batch().v1().jobs().withName(name).get(), candidate));
        return client.batch().v1().jobs().withName(name).get();
    }

    private static boolean candidateOf(HasMetadata object, String candidate) {
        return object != null && object.getMetadata().getDeletionTimestamp() == null
                && candidate.equals(object.getMetadata().getAnnotations().get(Inputs.CANDIDATE_ANNOTATION));
    }

    /** The evaluation's pod ends leaving {@code message} (none when null), then its Job completes. */
    void evaluate(Job evaluation, String message) {
        String job = evaluation.getMetadata().getName();
        Pod pod = client.resource(new PodBuilder().withNewMetadata()
                .withName(job + "-" + UUID.randomUUID().toString().substring(0, 5))
                .addToLabels(Reporting.JOB_NAME_LABEL, job).withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion("batch/v1").withKind("Job").withName(job)
                        .withUid(evaluation.getMetadata().getUid()).withController(true).build())
                .endMetadata().withNewSpec().addNewContainer().withName(Reporting.CONTAINER).withImage("worker")
                .endContainer().endSpec().build()).create();
        pod.setStatus(new PodStatusBuilder().withPhase("Succeeded").addNewContainerStatus()
                .withName(Reporting.CONTAINER).withNewState().withNewTerminated().withExitCode(0)
                .withReason("Completed").withMessage(message).endTerminated().endState().endContainerStatus().build());
        client.resource(pod).updateStatus();
        finish(evaluation, "Complete", "Done");
    }

    /**
     * The operator's catalog without the example's student (qwen2.5-0.5b) until closed: the operator refuses the jobs
     * that name it from then on, as it would once a person edited the catalog's ConfigMap.
     */
    AutoCloseable catalogWithoutTheExampleStudent() throws IOException {
        Path catalog = Path.of("target", "no-catalog.yaml");
        Files.writeString(catalog, """
                students:
                  - name: qwen2.5-1.5b
                    class: lora
                    parameters: 1.5B
                    hardware: {gpus: 1, gpuType: nvidia.com/gpu, cpu: "4", memory: 24Gi}
                    weights: Qwen/Qwen2.5-1.5B-Instruct
                    servingCostPerHour: "0.70"
                """);
        return () -> Files.deleteIfExists(catalog);
    }

    /** Changes the job's spec as a person would, again when the operator wrote the job in between (a conflict). */
    void editSpec(String name, Consumer<DistillationJobSpec> change) {
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptionsMatching(e -> e instanceof KubernetesClientException failure
                        && failure.getCode() == HttpURLConnection.HTTP_CONFLICT)
                .until(() -> client.resources(DistillationJob.class).withName(name).edit(job -> {
                    change.accept(job.getSpec());
                    return job;
                }) != null);
    }

    DistillationJobStatus status(String name) {
        DistillationJob job = client.resources(DistillationJob.class).withName(name).get();
        assertThat(job.getStatus()).as("status of %s", name).isNotNull();
        return job.getStatus();
    }

    Condition condition(String name, String type) {
        return status(name).conditions.stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow(() -> new AssertionError(type + " not set on " + name));
    }
}
