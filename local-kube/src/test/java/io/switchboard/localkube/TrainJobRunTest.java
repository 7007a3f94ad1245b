package io.switchboard.localkube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The local cluster plays Kubeflow Trainer's torch runtime: a TrainJob's nodes run as processes from its
 * TrainingRuntime's pod template, with torchrun's rendezvous settings, and its conditions say how they ended.
 */
class TrainJobRunTest {

    private static final String NS = "ml";

    @TempDir
    static Path state;
    private static LocalCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws IOException {
        Path images = state.resolve("images.yaml");
        Files.writeString(images, """
                images:
                  shell:test:
                    command: [bash, -c]
                """);
        cluster = LocalCluster.start(0, state, Images.load(images, state),
                List.of(Path.of("../dev/kubeflow-trainer-crds.yaml")));
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void eachNodeRunsTheTrainerWithTorchrunsSettingsOnTheSharedWorkspace() throws IOException {
        // given: a runtime mounting the workspace, and a TrainJob on two nodes whose trainer says where it runs
        runtime("two-nodes");
        trainJob("two-nodes", 2, """
                echo "$PET_NODE_RANK of $PET_NNODES, $PET_NPROC_PER_NODE a node, $PET_MASTER_ADDR:$PET_MASTER_PORT" \
                  > /workspace/node-$PET_NODE_RANK
                """);

        // when
        var condition = awaitEnd("two-nodes");

        // then
        assertThat(condition).containsEntry("type", "Complete").containsEntry("status", "True");
        Path workspace = state.resolve("volumes/ml/two-nodes-workspace");
        String first = Files.readString(workspace.resolve("node-0"));
        assertThat(first).matches("0 of 2, 1 a node, 127\\.0\\.0\\.1:\\d+\\n");
        String port = first.substring(first.lastIndexOf(':'));
        assertThat(Files.readString(workspace.resolve("node-1"))).isEqualTo("1 of 2, 1 a node, 127.0.0.1" + port);
        assertThat(client.pods().inNamespace(NS).withLabel("trainer.kubeflow.org/trainjob-name", "two-nodes").list()
                .getItems()).hasSize(2)
                .allSatisfy(pod -> assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded"));
    }

    @Test
    void aFailingNodeStopsTheOthersAndFailsTheTrainJob() throws IOException {
        // given: node 0 waits for the others, as torchrun's collectives do; node 1 fails
        runtime("one-fails");
        trainJob("one-fails", 2, """
                if [ "$PET_NODE_RANK" = 1 ]; then exit 3; fi; sleep 60
                """);

        // when
        long started = System.nanoTime();
        var condition = awaitEnd("one-fails");

        // then: at once, not after node 0's minute
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(condition).containsEntry("type", "Failed").containsEntry("reason", "TrainingFailed");
        assertThat((String) condition.get("message")).matches("node 1 \\(pod one-fails-\\w{5}\\) exited with code 3");
    }

    @Test
    void aTrainJobWithoutItsRuntimeFailsSayingSo() {
        trainJob("no-runtime", 1, "true");

        var condition = awaitEnd("no-runtime");

        assertThat(condition).containsEntry("type", "Failed").containsEntry("reason", "TrainingRuntimeNotFound");
    }

    private static void runtime(String name) {
        var pod = Map.of("spec", Map.of("restartPolicy", "Never", "containers", List.of(Map.of("name", "node", "image",
                "shell:test", "volumeMounts", List.of(Map.of("name", "workspace", "mountPath", "/workspace")))),
                "volumes", List.of(Map.of("name", "workspace", "persistentVolumeClaim",
                        Map.of("claimName", name + "-workspace")))));
        var replicated = Map.of("name", "node", "template", Map.of("spec", Map.of("template", pod)));
        client.resource(new GenericKubernetesResourceBuilder().withApiVersion(TrainJobRun.API_VERSION)
                .withKind("TrainingRuntime").withNewMetadata().withName(name + "-runtime").withNamespace(NS)
                .endMetadata().addToAdditionalProperties("spec", Map.of("template", Map.of("spec",
                        Map.of("replicatedJobs", List.of(replicated)))))
                .build()).create();
    }

    private static void trainJob(String name, int nodes, String script) {
        client.resource(new GenericKubernetesResourceBuilder().withApiVersion(TrainJobRun.API_VERSION)
                .withKind(TrainJobRun.KIND).withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", Map.of("runtimeRef", Map.of("apiGroup", "trainer.kubeflow.org",
                        "kind", "TrainingRuntime", "name", name + "-runtime"), "trainer",
                        Map.of("command",
                                List.of("bash", "-c"), "args", List.of(script), "numNodes", nodes,
                                "numProcPerNode", 1)))
                .build()).create();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitEnd(String name) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            GenericKubernetesResource trainJob = client.genericKubernetesResources(TrainJobRun.API_VERSION,
                    TrainJobRun.KIND).inNamespace(NS).withName(name).get();
            var status = (Map<String, Object>) trainJob.getAdditionalProperties().get("status");
            return status == null ? null : ((List<Map<String, Object>>) status.get("conditions")).get(0);
        }, condition -> condition != null);
    }
}
