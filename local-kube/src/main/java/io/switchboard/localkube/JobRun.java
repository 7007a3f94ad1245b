package io.switchboard.localkube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * One Job run to its end: a pod at a time, retried after a failure until the Job's backoffLimit, ended at once by an
 * exit code its podFailurePolicy names; the Job's status says how it went, as the Job controller writes it.
 */
final class JobRun implements Runnable, Kubelet.Workload {

    /** The kubelet keeps this much of a termination message, as a real one does. */
    private static final int MESSAGE_LIMIT = 4096;

    private final KubernetesClient client;
    private final PodProcess pods;
    private final Job job;
    private volatile boolean closed;
    private volatile Process process;

    JobRun(KubernetesClient client, PodProcess pods, Job job) {
        this.client = client;
        this.pods = pods;
        this.job = job;
    }

    @Override
    public void run() {
        String namespace = job.getMetadata().getNamespace();
        int backoffLimit = Optional.ofNullable(job.getSpec().getBackoffLimit()).orElse(6);
        var labels = Map.of("job-name", job.getMetadata().getName(), "batch.kubernetes.io/job-name",
                job.getMetadata().getName(), "batch.kubernetes.io/controller-uid", job.getMetadata().getUid());
        Instant started = Instant.now();
        int failures = 0;
        try {
            while (!closed) {
                status(b -> b.editOrNewStatus().withActive(1).withStartTime(started.toString()).endStatus());
                Pod pod = Pods.create(client, job, job.getSpec().getTemplate(), labels, "127.0.0.1");
                String name = pod.getMetadata().getName();
                int exitCode;
                String message;
                try {
                    Files.deleteIfExists(pods.terminationFile(namespace, name));
                    process = pods.start(namespace, name, pod.getSpec(), "127.0.0.1");
                    exitCode = process.waitFor();
                    message = terminationMessage(pods.terminationFile(namespace, name));
                } catch (PodProcess.PodStartException e) {
                    Pods.status(client, pod, "Failed", "127.0.0.1", false, new Pods.Terminated(128, e.getMessage()));
                    fail(started, failures + 1, "PodStartFailed", "Pod " + name + ": " + e.getMessage());
                    return;
                }
                if (closed) {
                    return;
                }
                Pods.status(client, pod, exitCode == 0 ? "Succeeded" : "Failed", "127.0.0.1", false,
                        new Pods.Terminated(exitCode, message));
                if (exitCode == 0) {
                    succeed(started, failures);
                    return;
                }
                failures++;
                if (failJobOn(exitCode)) {
                    fail(started, failures, "PodFailurePolicy", "Container " + pod.getSpec().getContainers().get(0)
                            .getName() + " for pod " + namespace + "/" + name + " failed with exit code " + exitCode
                            + " matching FailJob rule");
                    return;
                }
                if (failures > backoffLimit) {
                    fail(started, failures, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
                    return;
                }
                int failed = failures;
                status(b -> b.editOrNewStatus().withFailed(failed).endStatus());
                Thread.sleep(Math.min(10_000, 1_000L << Math.min(failures, 4)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | KubernetesClientException e) {
            Kubelet.warn("job " + namespace + "/" + job.getMetadata().getName(), e);
        }
    }

    private boolean failJobOn(int exitCode) {
        var policy = job.getSpec().getPodFailurePolicy();
        return policy != null && policy.getRules().stream().anyMatch(rule -> "FailJob".equals(rule.getAction())
                && rule.getOnExitCodes() != null && "In".equals(rule.getOnExitCodes().getOperator())
                && rule.getOnExitCodes().getValues().contains(exitCode));
    }

    private void succeed(Instant started, int failures) {
        String now = Instant.now().toString();
        status(b -> b.editOrNewStatus().withActive(0).withSucceeded(1).withFailed(failures)
                .withStartTime(started.toString()).withCompletionTime(now)
                .withConditions(condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of "
                        + "succeeded pods", now), condition("Complete", "CompletionsReached",
                                "Reached expected number of succeeded pods", now))
                .endStatus());
    }

    private void fail(Instant started, int failures, String reason, String message) {
        String now = Instant.now().toString();
        status(b -> b.editOrNewStatus().withActive(0).withFailed(failures).withStartTime(started.toString())
                .withConditions(condition("FailureTarget", reason, message, now),
                        condition("Failed", reason, message, now))
                .endStatus());
    }

    private static JobCondition condition(String type, String reason, String message, String now) {
        return new JobConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(message)
                .withLastProbeTime(now).withLastTransitionTime(now).build();
    }

    private void status(UnaryOperator<JobBuilder> change) {
        client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                .editStatus(current -> change.apply(new JobBuilder(current)).build());
    }

    private static String terminationMessage(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        return new String(Arrays.copyOf(bytes, Math.min(bytes.length, MESSAGE_LIMIT)), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
        Kubelet.stop(process);
    }
}
