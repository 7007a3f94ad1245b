package io.switchboard.localkube;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Plays Kubeflow Trainer's torch runtime for one TrainJob: its trainer runs on {@code spec.trainer.numNodes} local
 * nodes, each a process started from the pod template of its TrainingRuntime's replicated job {@code node}, whose
 * container {@code node} takes the TrainJob's image, command, args, env and resources, plus torchrun's {@code PET_*}
 * settings for a static rendezvous on the loopback. The TrainJob completes when every node exits 0; the first node to
 * fail stops the others and fails it. Nodes are not retried. Only TrainingRuntimes of the TrainJob's namespace are
 * known here.
 */
final class TrainJobRun implements Runnable, Kubelet.Workload {

    static final String API_VERSION = "trainer.kubeflow.org/v1alpha1";
    static final String KIND = "TrainJob";
    private static final String RUNTIME_KIND = "TrainingRuntime";
    private static final String NODE = "node";
    private static final String ADDRESS = "127.0.0.1";

    private final KubernetesClient client;
    private final PodProcess pods;
    private final GenericKubernetesResource trainJob;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    TrainJobRun(KubernetesClient client, PodProcess pods, GenericKubernetesResource trainJob) {
        this.client = client;
        this.pods = pods;
        this.trainJob = trainJob;
    }

    static boolean finished(GenericKubernetesResource trainJob) {
        Object status = trainJob.getAdditionalProperties().get("status");
        Object conditions = status instanceof Map<?, ?> map ? map.get("conditions") : null;
        return conditions instanceof List<?> list && list.stream().filter(Map.class::isInstance)
                .map(condition -> (Map<?, ?>) condition).anyMatch(condition -> "True".equals(condition.get("status"))
                        && List.of("Complete", "Failed").contains(condition.get("type")));
    }

    @Override
    public void run() {
        String namespace = trainJob.getMetadata().getNamespace();
        String name = trainJob.getMetadata().getName();
        try {
            Map<String, Object> spec = map(trainJob.getAdditionalProperties().get("spec"));
            Map<String, Object> trainer = map(spec.getOrDefault("trainer", Map.of()));
            Map<String, Object> runtimeRef = map(spec.get("runtimeRef"));
            if (!RUNTIME_KIND.equals(runtimeRef.get("kind"))) {
                fail("TrainingRuntimeNotSupported", "the local Kubeflow Trainer knows TrainingRuntimes only, not "
                        + runtimeRef.get("kind"));
                return;
            }
            var runtime = client.genericKubernetesResources(API_VERSION, RUNTIME_KIND).inNamespace(namespace)
                    .withName(String.valueOf(runtimeRef.get("name"))).get();
            var template = runtime == null ? Optional.<PodTemplateSpec>empty() : nodeTemplate(runtime);
            if (template.isEmpty()) {
                fail("TrainingRuntimeNotFound", "TrainingRuntime " + runtimeRef.get("name") + " with a replicated "
                        + "job \"node\" not found in namespace " + namespace);
                return;
            }
            int nodes = ((Number) trainer.getOrDefault("numNodes", 1)).intValue();
            int perNode = ((Number) trainer.getOrDefault("numProcPerNode", 1)).intValue();
            int port = freePort();
            List<Pod> started = new ArrayList<>();
            for (int rank = 0; rank < nodes && !closed; rank++) {
                PodTemplateSpec node = withTrainer(template.get(), trainer, Map.of("PET_NNODES",
                        Integer.toString(nodes), "PET_NPROC_PER_NODE", Integer.toString(perNode), "PET_NODE_RANK",
                        Integer.toString(rank), "PET_MASTER_ADDR", ADDRESS, "PET_MASTER_PORT",
                        Integer.toString(port)));
                Pod pod = Pods.create(client, trainJob, node, Map.of("trainer.kubeflow.org/trainjob-name", name),
                        ADDRESS);
                started.add(pod);
                processes.add(pods.start(namespace, pod.getMetadata().getName(), pod.getSpec(), ADDRESS));
            }
            if (closed) {
                // closed while the nodes started: a node started after close() stopped the others is stopped here
                processes.forEach(Kubelet::stop);
                return;
            }
            String failure = awaitNodes(started);
            if (closed) {
                return;
            }
            if (failure == null) {
                condition("Complete", "JobsCompleted", "TrainJob completed: " + nodes + " nodes");
            } else {
                fail("TrainingFailed", failure);
            }
        } catch (PodProcess.PodStartException e) {
            processes.forEach(Kubelet::stop);
            fail("PodStartFailed", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
            fail("InvalidTrainJob", "the TrainJob or its TrainingRuntime is not as Kubeflow Trainer's API has it: "
                    + e.getMessage());
        } catch (IOException | KubernetesClientException e) {
            // the nodes started would wait for the others' rendezvous for ever
            processes.forEach(Kubelet::stop);
            Kubelet.warn("trainjob " + namespace + "/" + name, e);
            try {
                fail("NodeStartFailed", e.getMessage());
            } catch (KubernetesClientException gone) {
                Kubelet.warn("trainjob " + namespace + "/" + name + " is gone", gone);
            }
        }
    }

    /**
     * Waits for every node's process to end, in whatever order: the first that fails stops the others, which would
     * otherwise wait for it in their collectives. Returns why the run failed, or null.
     */
    private String awaitNodes(List<Pod> started) throws InterruptedException {
        String failure = null;
        boolean[] ended = new boolean[processes.size()];
        int left = processes.size();
        while (left > 0) {
            for (int rank = 0; rank < processes.size(); rank++) {
                Process process = processes.get(rank);
                if (ended[rank] || process.isAlive()) {
                    continue;
                }
                ended[rank] = true;
                left--;
                int exitCode = process.exitValue();
                Pods.status(client, started.get(rank), exitCode == 0 ? "Succeeded" : "Failed", ADDRESS, false,
                        new Pods.Terminated(exitCode, null));
                if (exitCode != 0 && failure == null) {
                    failure = "node " + rank + " (pod " + started.get(rank).getMetadata().getName()
                            + ") exited with code " + exitCode;
                    processes.forEach(Kubelet::stop);
                }
            }
            Thread.sleep(100);
        }
        return failure;
    }

    /** The runtime's replicated job {@code node}: its pod template. */
    private Optional<PodTemplateSpec> nodeTemplate(GenericKubernetesResource runtime) {
        Map<String, Object> template = map(map(runtime.getAdditionalProperties().get("spec")).get("template"));
        List<?> replicated = (List<?>) map(template.get("spec")).get("replicatedJobs");
        return replicated.stream().map(TrainJobRun::map).filter(job -> NODE.equals(job.get("name"))).findFirst()
                .map(job -> map(map(job.get("template")).get("spec")).get("template"))
                .map(pod -> client.getKubernetesSerialization().convertValue(pod, PodTemplateSpec.class));
    }

    /** The node's pod: the trainer's settings in the container {@code node}, and torchrun's. */
    private PodTemplateSpec withTrainer(PodTemplateSpec template, Map<String, Object> trainer,
            Map<String, String> torchrun) {
        var serialization = client.getKubernetesSerialization();
        PodTemplateSpec pod = serialization.clone(template);
        Container container = pod.getSpec().getContainers().stream().filter(c -> NODE.equals(c.getName())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the runtime's pod has no container \"node\""));
        Optional.ofNullable((String) trainer.get("image")).ifPresent(container::setImage);
        Optional.ofNullable(trainer.get("command")).map(TrainJobRun::strings).ifPresent(container::setCommand);
        Optional.ofNullable(trainer.get("args")).map(TrainJobRun::strings).ifPresent(container::setArgs);
        Optional.ofNullable(trainer.get("resourcesPerNode"))
                .map(resources -> serialization.convertValue(resources, ResourceRequirements.class))
                .ifPresent(container::setResources);
        List<EnvVar> env = new ArrayList<>(container.getEnv() == null ? List.of() : container.getEnv());
        for (Object var : (List<?>) trainer.getOrDefault("env", List.of())) {
            env.add(serialization.convertValue(var, EnvVar.class));
        }
        torchrun.forEach((name, value) -> env.add(new EnvVarBuilder().withName(name).withValue(value).build()));
        container.setEnv(env);
        return pod;
    }

    private void fail(String reason, String message) {
        condition("Failed", reason, message);
    }

    private void condition(String type, String reason, String message) {
        var current = client.genericKubernetesResources(API_VERSION, KIND)
                .inNamespace(trainJob.getMetadata().getNamespace()).withName(trainJob.getMetadata().getName()).get();
        if (current == null) {
            return;
        }
        current.getAdditionalProperties().put("status", Map.of("conditions", List.of(Map.of("type", type, "status",
                "True", "reason", reason, "message", message, "lastTransitionTime", Instant.now().toString()))));
        client.genericKubernetesResources(API_VERSION, KIND).resource(current).updateStatus();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static List<String> strings(Object value) {
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }

    @Override
    public void close() {
        closed = true;
        processes.forEach(Kubelet::stop);
    }
}
