package io.switchboard.localkube;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * One replica of a Deployment, on its own loopback address: started, probed until ready (then the Deployment is
 * available), restarted after a crash with a growing pause, stopped when the Deployment goes.
 */
final class DeploymentRun implements Runnable, Kubelet.Workload {

    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final KubernetesClient client;
    private final PodProcess pods;
    private final String address;
    private final Deployment deployment;
    private volatile boolean closed;
    private volatile Process process;
    private volatile Pod pod;

    DeploymentRun(KubernetesClient client, PodProcess pods, String address, Deployment deployment) {
        this.client = client;
        this.pods = pods;
        this.address = address;
        this.deployment = deployment;
    }

    @Override
    public void run() {
        String namespace = deployment.getMetadata().getNamespace();
        int restarts = 0;
        try {
            while (!closed) {
                pod = Pods.create(client, deployment, deployment.getSpec().getTemplate(), Map.of(), address);
                try {
                    process = pods.start(namespace, pod.getMetadata().getName(), pod.getSpec(), address);
                } catch (PodProcess.PodStartException e) {
                    Pods.status(client, pod, "Pending", address, false, new Pods.Terminated(128, e.getMessage()));
                    Kubelet.warn("deployment " + namespace + "/" + deployment.getMetadata().getName(), e);
                    return;
                }
                awaitReady();
                int exitCode = process.waitFor();
                if (closed) {
                    return;
                }
                available(false);
                Pods.status(client, pod, "Failed", address, false, new Pods.Terminated(exitCode, null));
                Pods.delete(client, pod);
                restarts++;
                Thread.sleep(Math.min(30_000, 1_000L << Math.min(restarts, 5)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | KubernetesClientException e) {
            Kubelet.warn("deployment " + namespace + "/" + deployment.getMetadata().getName(), e);
        }
    }

    /** Probes the container's readiness probe (an HTTP GET) every half second while it runs; no probe: ready. */
    private void awaitReady() throws InterruptedException {
        Container container = pod.getSpec().getContainers().get(0);
        Probe probe = container.getReadinessProbe();
        while (!closed && process.isAlive()) {
            if (probe == null || probe.getHttpGet() == null || answers(container, probe)) {
                Pods.status(client, pod, "Running", address, true, null);
                available(true);
                return;
            }
            Thread.sleep(500);
        }
    }

    private boolean answers(Container container, Probe probe) throws InterruptedException {
        var get = probe.getHttpGet();
        int port = get.getPort().getIntVal() != null
                ? get.getPort().getIntVal()
                : container.getPorts().stream().filter(p -> get.getPort().getStrVal().equals(p.getName()))
                        .findFirst().map(p -> p.getContainerPort()).orElse(80);
        String path = get.getPath() == null ? "/" : get.getPath();
        try {
            var request = HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + path))
                    .timeout(Duration.ofSeconds(1)).build();
            int status = PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 400;
        } catch (IOException e) {
            return false;
        }
    }

    private void available(boolean available) {
        int replicas = available ? 1 : 0;
        String now = Instant.now().toString();
        client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                .withName(deployment.getMetadata().getName())
                .editStatus(current -> new DeploymentBuilder(current).editOrNewStatus()
                        .withObservedGeneration(current.getMetadata().getGeneration()).withReplicas(1)
                        .withUpdatedReplicas(1).withReadyReplicas(replicas).withAvailableReplicas(replicas)
                        .withUnavailableReplicas(1 - replicas)
                        .withConditions(new DeploymentConditionBuilder().withType("Available")
                                .withStatus(available ? "True" : "False")
                                .withReason(available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
                                .withLastTransitionTime(now).withLastUpdateTime(now).build())
                        .endStatus().build());
    }

    @Override
    public void close() {
        closed = true;
        Kubelet.stop(process);
        try {
            Pods.delete(client, pod);
        } catch (KubernetesClientException e) {
            Kubelet.warn("pod of " + deployment.getMetadata().getName(), e);
        }
    }
}
