package io.switchboard.localkube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The local kubelet: Jobs run to their end, Deployments serve under their Services' names, and TrainJobs' nodes run
 * as Kubeflow Trainer's torch runtime would start them.
 */
class KubeletTest {

    private static final String NS = "ml";

    @TempDir
    static Path state;
    private static LocalCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws IOException {
        // an image that runs its args as a shell script, and one that serves a directory over HTTP
        Path images = state.resolve("images.yaml");
        Files.writeString(images, """
                images:
                  shell:test:
                    command: [bash, -c]
                    env: {TERMINATION_LOG: "{termination}"}
                  web:test:
                    command: [python3, -m, http.server, --bind, "{address}", "8000"]
                """);
        // with Kubeflow Trainer's CRDs: the kubelet plays its torch runtime too
        cluster = LocalCluster.start(0, state, Images.load(images, state),
                List.of(Path.of("../dev/kubeflow-trainer-crds.yaml")));
        client = cluster.client();
        client.resource(new SecretBuilder().withNewMetadata().withName("key").withNamespace(NS).endMetadata()
                .addToStringData("key", "sk-secret-value").build()).create();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aJobRunsWithItsVolumeSecretAndTerminationMessage() throws IOException {
        // given: a script that writes to /workspace (a claim) and its termination message
        var job = job("writes", 2, """
                echo "$KEY" > /workspace/out.txt && printf '{"kept":3}' > "$TERMINATION_LOG"
                """);

        // when
        client.resource(job).create();

        // then: the Job completes, its pod says how, and the claim's directory holds the file
        var condition = awaitEnd("writes");
        assertThat(condition.getType()).isEqualTo("Complete");
        Pod pod = podsOf("writes").get(0);
        assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
        var terminated = pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
        assertThat(terminated.getExitCode()).isZero();
        assertThat(terminated.getMessage()).isEqualTo("{\"kept\":3}");
        assertThat(Files.readString(state.resolve("volumes/ml/writes-claim/out.txt"))).isEqualTo("sk-secret-value\n");
    }

    @Test
    void anExitCodeTheFailurePolicyNamesFailsTheJobAtOnce() {
        client.resource(job("bad-input", 3, "exit 2")).create();

        var condition = awaitEnd("bad-input");

        assertThat(condition.getType()).isEqualTo("Failed");
        assertThat(condition.getReason()).isEqualTo("PodFailurePolicy");
        assertThat(podsOf("bad-input")).hasSize(1);
    }

    @Test
    void otherFailuresAreRetriedUpToTheBackoffLimit() {
        client.resource(job("flaky", 1, "exit 1")).create();

        var condition = awaitEnd("flaky");

        assertThat(condition.getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(podsOf("flaky")).hasSize(2);
    }

    @Test
    void anImageWithNoLocalRuntimeFailsItsJob() {
        var job = job("unknown", 2, "true");
        job.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("nowhere:1");
        client.resource(job).create();

        var condition = awaitEnd("unknown");

        assertThat(condition.getMessage()).contains("ErrImagePull").contains("nowhere:1");
    }

    @Test
    void aDeploymentServesOnItsOwnAddressUnderItsServiceName() throws Exception {
        // given
        var labels = Map.of("app", "web");
        client.resource(new ServiceBuilder().withNewMetadata().withName("web").withNamespace(NS).endMetadata()
                .withNewSpec().withSelector(labels).addNewPort().withPort(8000).endPort().endSpec().build()).create();
        var deployment = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec().addNewContainer()
                .withName("web").withImage("web:test").addNewPort().withName("http").withContainerPort(8000).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/").withPort(new IntOrString("http"))
                .endHttpGet().endReadinessProbe().endContainer().endSpec().endTemplate().endSpec().build();

        // when
        client.resource(deployment).create();

        // then: available once it answers, and its Service's names point at it
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var status = client.apps().deployments().inNamespace(NS).withName("web").get().getStatus();
            return status != null && Integer.valueOf(1).equals(status.getAvailableReplicas());
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.readString(cluster.kubelet().hostsFile()).contains(" web.ml.svc\n"));
        String address = Files.readString(cluster.kubelet().hostsFile()).lines()
                .filter(line -> line.endsWith(" web.ml.svc.cluster.local")).findFirst().orElseThrow().split(" ")[0];
        assertThat(address).startsWith("127.0.");
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://" + address + ":8000/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        // and when the Deployment goes, so do its process and its name
        client.apps().deployments().inNamespace(NS).withName("web").delete();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !Files.readString(cluster.kubelet().hostsFile()).contains(" web.ml.svc"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(reachable(address)).isFalse());
    }

    private static boolean reachable(String address) throws InterruptedException {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + address + ":8000/"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Job job(String name, int backoffLimit, String script) {
        var pod = new PodSpecBuilder().withRestartPolicy("Never").addNewContainer().withName("main")
                .withImage("shell:test").withArgs(script).addNewEnv().withName("KEY").withNewValueFrom()
                .withNewSecretKeyRef("key", "key", false).endValueFrom().endEnv().addNewVolumeMount()
                .withName("workspace").withMountPath("/workspace").endVolumeMount().endContainer().addNewVolume()
                .withName("workspace").withNewPersistentVolumeClaim().withClaimName(name + "-claim")
                .endPersistentVolumeClaim().endVolume().build();
        return new JobBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata().withNewSpec()
                .withBackoffLimit(backoffLimit).withNewPodFailurePolicy().addNewRule().withAction("FailJob")
                .withNewOnExitCodes().withOperator("In").withValues(2).endOnExitCodes().endRule()
                .endPodFailurePolicy().withNewTemplate().withSpec(pod).endTemplate().endSpec().build();
    }

    private static JobCondition awaitEnd(String name) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            var job = client.batch().v1().jobs().inNamespace(NS).withName(name).get();
            return job.getStatus() == null || job.getStatus().getConditions() == null
                    ? null
                    : job.getStatus().getConditions().stream().filter(c -> c.getType().equals("Complete")
                            || c.getType().equals("Failed")).findFirst().orElse(null);
        }, condition -> condition != null);
    }

    private static List<Pod> podsOf(String job) {
        return client.pods().inNamespace(NS).withLabel("batch.kubernetes.io/job-name", job).list().getItems();
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
        var condition = awaitTrainJobEnd("two-nodes");

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
        var condition = awaitTrainJobEnd("one-fails");

        // then: at once, not after node 0's minute
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(condition).containsEntry("type", "Failed").containsEntry("reason", "TrainingFailed");
        assertThat((String) condition.get("message")).matches("node 1 \\(pod one-fails-\\w{5}\\) exited with code 3");
    }

    @Test
    void aTrainJobWithoutItsRuntimeFailsSayingSo() {
        trainJob("no-runtime", 1, "true");

        var condition = awaitTrainJobEnd("no-runtime");

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
    private static Map<String, Object> awaitTrainJobEnd(String name) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            GenericKubernetesResource trainJob = client.genericKubernetesResources(TrainJobRun.API_VERSION,
                    TrainJobRun.KIND).inNamespace(NS).withName(name).get();
            var status = (Map<String, Object>) trainJob.getAdditionalProperties().get("status");
            return status == null ? null : ((List<Map<String, Object>>) status.get("conditions")).get(0);
        }, condition -> condition != null);
    }
}
