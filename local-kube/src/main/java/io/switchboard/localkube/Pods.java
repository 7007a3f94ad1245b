package io.switchboard.localkube;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** The Pod objects the kubelet keeps for what it runs, so that `kubectl get pods` and operators see them. */
final class Pods {

    private Pods() {
    }

    static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** A new pod of {@code owner}'s template, named like a controller's ({@code <owner>-<5 characters>}). */
    static Pod create(KubernetesClient client, HasMetadata owner, PodTemplateSpec template, Map<String, String> labels,
            String address) {
        String name = owner.getMetadata().getName() + "-" + UUID.randomUUID().toString().substring(0, 5);
        Map<String, String> all = new TreeMap<>(template.getMetadata() == null
                || template.getMetadata().getLabels() == null ? Map.of() : template.getMetadata().getLabels());
        all.putAll(labels);
        var pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(owner.getMetadata().getNamespace())
                .withLabels(all).addNewOwnerReference().withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind()).withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                .withSpec(template.getSpec()).build();
        client.resource(pod).create();
        return status(client, pod, "Running", address, false, null);
    }

    /** The pod's phase, and its container's state: running (ready or not) or ended with an exit code and message. */
    static Pod status(KubernetesClient client, Pod pod, String phase, String address, boolean ready,
            Terminated terminated) {
        String container = pod.getSpec().getContainers().get(0).getName();
        var state = terminated == null
                ? new ContainerStateBuilder().withNewRunning().withStartedAt(Instant.now().toString()).endRunning()
                        .build()
                : new ContainerStateBuilder().withNewTerminated().withExitCode(terminated.exitCode())
                        .withReason(terminated.exitCode() == 0 ? "Completed" : "Error")
                        .withMessage(terminated.message()).withFinishedAt(Instant.now().toString())
                        .endTerminated().build();
        try {
            return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .editStatus(current -> new PodBuilder(current).withNewStatus().withPhase(phase)
                            .withPodIP(address).withConditions(new PodConditionBuilder().withType("Ready")
                                    .withStatus(ready ? "True" : "False").build())
                            .withContainerStatuses(new ContainerStatusBuilder().withName(container)
                                    .withReady(ready).withState(state).build())
                            .endStatus().build());
        } catch (KubernetesClientException e) {
            Kubelet.warn("pod " + pod.getMetadata().getName() + " is gone", e);
            return pod;
        }
    }

    static void delete(KubernetesClient client, Pod pod) {
        if (pod != null) {
            client.resource(pod).delete();
        }
    }

    /** How a container ended. */
    record Terminated(int exitCode, String message) {
    }
}
