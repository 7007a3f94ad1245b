package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.switchboard.events.Keys;
import io.switchboard.localkube.Images;
import io.switchboard.localkube.LocalCluster;
import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.ServiceProcess;

/**
 * The distillation flywheel end to end with no GPU and no cluster: the local Kubernetes (fabric8's mock API server and
 * a kubelet that runs pods as processes), a real Kafka broker, and the packaged router (its simulated teacher labels
 * support tickets), metering and distill-operator as processes. Clients send the tickets through the router, which
 * captures their workload's traffic; the job's dataset is that traffic. The real worker and the real trainer run as
 * the pipeline's pods: dataset, training, the student's server, evaluation; then the operator reports, checks the
 * trade-offs and promotes on a canary with a shadow, and the router's next request for the teacher on that workload is
 * the student's, checked against the teacher's answers. The
 * student is chosen from the catalog ({@code candidates: [auto]}); a second job, on a teacher whose labels follow a
 * hash of the text, tries every candidate and ends with NoBetterStudent.
 */
class DistillationPipelineTest {

    private static final Path ROOT = Path.of(System.getProperty("switchboard.root", ".."));
    private static final String KEY = "sk-e2e-distill";
    private static final String ADMIN_KEY = "sk-e2e-distill-admin";
    private static final String NS = "default";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ResourceDefinitionContext JOBS = new ResourceDefinitionContext.Builder()
            .withGroup("switchboard.dev").withVersion("v1alpha1").withPlural("distillationjobs").withNamespaced(true)
            .withKind("DistillationJob").build();

    private static KafkaBroker broker;
    private static LocalCluster cluster;
    private static ServiceProcess router;
    private static ServiceProcess metering;
    private static ServiceProcess operator;

    @BeforeAll
    static void startTheSystem() throws Exception {
        requireTheTrainersPackages();
        broker = KafkaBroker.start();
        broker.createSwitchboardTopics();
        Path state = Files.createTempDirectory("e2e-kube-");
        cluster = LocalCluster.start(0, state, Images.load(ROOT.resolve("dev/local-kube-images.yaml"), ROOT),
                List.of(ROOT.resolve("k8s/crds/distillationjobs.switchboard.dev-v1.yml"),
                        ROOT.resolve("dev/kubeflow-trainer-crds.yaml")));
        var routing = Files.createTempFile("e2e-distill-routing-", ".yaml");
        Files.writeString(routing, """
                providers:
                  teacher: {type: simulated, latency: 40ms, task: tickets}
                  hashed: {type: simulated, latency: 40ms, task: hashed-tickets}
                models:
                  ticket-teacher:
                    deployments: [{provider: teacher, model: sim-large}]
                  hashed-teacher:
                    deployments: [{provider: hashed, model: sim-hashed}]
                prices:
                  version: e2e-distill
                  models:
                    sim-large: {input: 2500000, output: 10000000}
                    sim-hashed: {input: 2500000, output: 10000000}
                keys:
                  - {id: distill-key, sha256: %s, user: distiller, team: ml}
                adminKeys:
                  - {id: admin, sha256: %s}
                capture:
                  support-triage: {sampleRate: 1, redact: [email, key]}
                  hashed-triage: {sampleRate: 1}
                """.formatted(Keys.sha256Hex(KEY), Keys.sha256Hex(ADMIN_KEY)));
        router = ServiceProcess.start("router-svc", Map.of(
                "switchboard.router.routing-file", routing.toString(),
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "jdk.net.hosts.file", cluster.kubelet().hostsFile().toString()));
        metering = ServiceProcess.start("metering-svc", Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "switchboard.metering.routing-file", routing.toString(),
                "kafka-streams.state.dir", Files.createTempDirectory("e2e-distill-metering-").toString()));
        operator = ServiceProcess.start("distill-operator", Map.of(
                "quarkus.kubernetes-client.api-server-url", cluster.apiServerUrl(),
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "switchboard.distill.catalog-file",
                ROOT.resolve("distill-operator/src/main/resources/catalog.yaml").toString(),
                "switchboard.distill.router-url", router.baseUrl(),
                "switchboard.distill.router-key-secret", "distill-router-key",
                "switchboard.distill.trainer-image", "switchboard-trainer:local",
                "switchboard.distill.worker-image", "switchboard-distill-operator:local",
                // the local cluster's claims are directories every pod shares
                "switchboard.distill.shared-storage-class", "local"));
        // the workers' router key
        cluster.client().resource(new SecretBuilder().withNewMetadata().withName("distill-router-key")
                .withNamespace(NS).endMetadata().addToStringData("key", KEY).build()).create();
    }

    @AfterAll
    static void stopTheSystem() {
        ServiceProcess.closeAll(operator, cluster, metering, router, broker);
    }

    @Test
    void aTeacherIsDistilledFromItsOwnTrafficEvaluatedAndReplacedOnItsWorkload() throws Exception {
        // given: the tickets sent by clients through the router on their workload
        var client = cluster.client();
        int sent = sendTheTickets("ticket-teacher", "support-triage", Integer.MAX_VALUE);

        // when: the job that ./run-local --distill runs, with that traffic as its dataset and the student chosen
        // from the catalog; scored against the teacher's own answers, a student that does not repeat the teacher's
        // mistakes keeps about 95% of them
        var spec = Files.readString(ROOT.resolve("dev/distill/tickets-job.yaml"))
                .replace("""
                            configMap:
                              name: tickets-data
                              key: tickets.jsonl
                        """, """
                            fromTraffic: {window: 1h}
                        """)
                .replace("minRelativeAccuracy: \"0.95\"", "minRelativeAccuracy: \"0.85\"")
                .replace("""
                          candidates: [auto]
                        """, """
                          candidates: [auto]
                          training: {backend: TrainJob, nodes: 2}
                        """)
                .replace("""
                            mode: Auto
                        """, """
                            mode: Auto
                            canary: {steps: [50, 100], interval: 3s, minRequests: 20}
                            shadow: {percent: 100, minRequests: 20}
                        """);
        assertThat(spec).contains("fromTraffic").contains("candidates: [auto]").contains("\"0.85\"")
                .contains("canary:").contains("shadow:").contains("backend: TrainJob");
        client.load(new ByteArrayInputStream(spec.getBytes(StandardCharsets.UTF_8))).create();

        // then: it runs through every stage, meets its trade-offs with the cheapest candidate and is promoted on a
        // canary: half of the workload's requests (which clients go on sending), then all of them
        var canaryAnswers = new ArrayList<String>();
        var status = awaitTheEnd("tickets", () -> canaryAnswers.addAll(askMany("support-triage", 40)));
        assertThat(canaryAnswers).as("models that answered at the canary's first step").contains("tickets",
                "sim-large");
        assertThat(status.path("canary").path("share").asInt()).isEqualTo(100);
        assertThat(reason(status, "Promoted")).isEqualTo("Published");
        assertThat(status.path("stage").asText()).as("status: %s", status).isEqualTo("Succeeded");
        for (String condition : List.of("Accepted", "DatasetReady", "Trained", "Evaluated", "TradeoffsMet",
                "Promoted", "Ready")) {
            assertThat(condition(status, condition)).as("%s in %s", condition, status).isEqualTo("True");
        }
        assertThat(status.path("candidate").asText()).isEqualTo("tiny-llama");
        // trained on two nodes of the local stand-in for Kubeflow Trainer: two torchrun processes
        assertThat(conditionField(status, "Trained", "message")).isEqualTo("TrainJob tickets-train succeeded.");
        var trainJob = client.genericKubernetesResources("trainer.kubeflow.org/v1alpha1", "TrainJob").inNamespace(NS)
                .withName("tickets-train").get();
        assertThat(trainJob.getAdditionalProperties().get("spec").toString()).contains("numNodes=2");
        assertThat(client.pods().inNamespace(NS).withLabel("trainer.kubeflow.org/trainjob-name", "tickets-train")
                .list().getItems()).hasSize(2);
        assertThat(status.path("candidates").findValuesAsText("state")).as("%s", status)
                .containsExactly("Met", "Skipped");
        double relativeAccuracy = Double.parseDouble(status.path("result").path("relativeAccuracy").asText());
        assertThat(relativeAccuracy).isGreaterThanOrEqualTo(0.85);
        assertThat(Double.parseDouble(status.path("result").path("costRatio").asText())).isLessThan(0.5);
        var report = client.configMaps().inNamespace(NS).withName(status.path("report").asText()).get();
        assertThat(report.getData()).containsKeys("report.json", "report.md");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/distillation-report.md"), report.getData().get("report.md"));
        var dataset = JSON.readTree(report.getData().get("report.json")).path("dataset");
        assertThat(dataset.path("trafficWorkload").asText()).isEqualTo("support-triage");
        assertThat(dataset.path("read").asInt()).as("traces read: %s", dataset).isEqualTo(sent);
        assertThat(dataset.path("askedTeacher").asInt()).isZero();
        assertThat(dataset.path("train").asInt() + dataset.path("eval").asInt() + dataset.path("duplicates").asInt())
                .as("every ticket, the teacher's own answer").isEqualTo(sent);

        // and: the teacher is asked again what the student answered (shadow evaluation), and agrees with it well
        // enough (spec.acceptance.minRelativeAccuracy) for the route to stand
        askMany("support-triage", 30);
        var shadowed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .until(() -> statusOf("tickets"), now -> now.path("shadow").path("requests").asLong() >= 20);
        assertThat(Double.parseDouble(shadowed.path("shadow").path("agreement").asText())).as("%s", shadowed)
                .isGreaterThanOrEqualTo(0.85);
        assertThat(reason(shadowed, "Promoted")).isEqualTo("Published");
        Files.writeString(Path.of("target/shadow-status.json"), shadowed.path("shadow").toString());

        // and: the teacher's requests on that workload are the student's now, and others still the teacher's
        var answer = await().atMost(Duration.ofSeconds(30)).until(
                () -> ask("ticket-teacher", "support-triage", "my parcel has not arrived, tracking says delivered"),
                response -> response.headers().firstValue("x-switchboard-model").orElse("").equals("tickets"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("choices").path(0).path("message").path("content").asText())
                .isNotBlank();
        assertThat(ask("ticket-teacher", "other-work", "my parcel has not arrived").headers()
                .firstValue("x-switchboard-model"))
                .contains("sim-large");

        // and: metering shows the student's spend on that workload, beside the teacher's distillation spend
        var today = LocalDate.now(ZoneOffset.UTC);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            var rows = spend("groupBy=workload,model&from=" + today.minusDays(1) + "&to=" + today).path("rows");
            assertThat(rows.findValuesAsText("workload")).contains("support-triage", "distill/tickets");
            assertThat(rows.toString()).contains("\"tickets\"");
            // and what the teacher would have cost for those requests, many times more
            for (JsonNode row : rows) {
                if (row.path("group").path("model").asText().equals("tickets")) {
                    assertThat(row.path("teacherCostMicros").asLong()).as("%s", row)
                            .isGreaterThan(10 * row.path("costMicros").asLong());
                }
            }
        });
    }

    @Test
    void aTaskNoCandidateCanLearnEndsWithNoBetterStudentAndTheTeacherKeepsIt() throws Exception {
        // given: tickets labelled by a hash of their text, sent through the router on their own workload
        var client = cluster.client();
        int sent = sendTheTickets("hashed-teacher", "hashed-triage", 800);

        // when: every catalog student that fits the job is tried, two trained at once
        client.load(new ByteArrayInputStream("""
                apiVersion: switchboard.dev/v1alpha1
                kind: DistillationJob
                metadata: {name: hashed, namespace: default}
                spec:
                  teacher: hashed-teacher
                  task: hashed-triage
                  dataset:
                    fromTraffic: {window: 1h}
                  split: {evalFraction: "0.2", seed: 7}
                  evals: [{kind: ExactMatch}]
                  candidates: [auto]
                  training: {parallelism: 2}
                  acceptance: {minRelativeAccuracy: "0.85", maxCostRatio: "0.5"}
                  promotion: {mode: Auto}
                """.getBytes(StandardCharsets.UTF_8))).create();

        // then: the second trains while the first does
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).until(() -> Stream
                .of("hashed-train-tiny-llama", "hashed-train-small-qwen2")
                .map(name -> client.batch().v1().jobs().inNamespace(NS).withName(name).get())
                .allMatch(training -> training != null && training.getStatus() != null
                        && Integer.valueOf(1).equals(training.getStatus().getActive())));

        // and: both small students are trained and evaluated, neither comes close, and that is the job's result
        var status = awaitTheEnd("hashed", () -> {
        });
        assertThat(status.path("stage").asText()).as("status: %s", status).isEqualTo("Succeeded");
        assertThat(condition(status, "TradeoffsMet")).isEqualTo("False");
        assertThat(reason(status, "TradeoffsMet")).isEqualTo("NoBetterStudent");
        assertThat(reason(status, "Promoted")).isEqualTo("TradeoffsNotMet");
        var candidates = status.path("candidates");
        assertThat(candidates.findValuesAsText("name")).containsExactly("tiny-llama", "small-qwen2");
        assertThat(candidates.findValuesAsText("state")).as("%s", status).containsOnly("NotMet");
        for (JsonNode candidate : candidates) {
            assertThat(Double.parseDouble(candidate.path("result").path("relativeAccuracy").asText()))
                    .as("%s", candidate).isLessThan(0.85);
            // each stopped on its learning curve, and says so
            assertThat(candidate.path("message").asText()).contains("stopped early on its learning curve");
        }
        var report = client.configMaps().inNamespace(NS).withName(status.path("report").asText()).get();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/no-better-student-report.md"), report.getData().get("report.md"));
        assertThat(report.getData().get("report.md")).contains("**No better student**")
                .contains("training stopped there, and this is the student trained so far");
        var dataset = JSON.readTree(report.getData().get("report.json")).path("dataset");
        assertThat(dataset.path("read").asInt()).isEqualTo(sent);

        // and: the teacher still answers its workload
        assertThat(ask("hashed-teacher", "hashed-triage", "my parcel has not arrived").headers()
                .firstValue("x-switchboard-model")).contains("sim-hashed");
    }

    /** The job's status once it succeeded or failed; at each look while it is in its canary, {@code whileCanary}. */
    private static JsonNode awaitTheEnd(String name, Runnable whileCanary) {
        var done = await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            var job = cluster.client().genericKubernetesResources(JOBS).inNamespace(NS).withName(name).get();
            if ("Canary".equals(stage(job))) {
                whileCanary.run();
            }
            return job;
        }, job -> List.of("Succeeded", "Failed").contains(stage(job)));
        return JSON.valueToTree(done.getAdditionalProperties().get("status"));
    }

    private static JsonNode statusOf(String name) {
        var job = cluster.client().genericKubernetesResources(JOBS).inNamespace(NS).withName(name).get();
        return JSON.valueToTree(job.getAdditionalProperties().get("status"));
    }

    /** Sends {@code count} tickets for the teacher on the workload, four at a time: the models that answered. */
    private static List<String> askMany(String workload, int count) {
        var pool = Executors.newFixedThreadPool(4);
        try {
            var answers = new ArrayList<Future<String>>();
            for (int i = 0; i < count; i++) {
                String ticket = "ticket " + i + ": my parcel has not arrived, tracking says delivered";
                answers.add(pool.submit(() -> ask("ticket-teacher", workload, ticket).headers()
                        .firstValue("x-switchboard-model").orElse("")));
            }
            var models = new ArrayList<String>();
            for (var answer : answers) {
                models.add(answer.get());
            }
            return models;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The first tickets of ./run-local --distill, at most {@code limit}, each as a client's request for the model on
     * the workload; the number sent.
     */
    private static int sendTheTickets(String model, String workload, int limit) throws Exception {
        var tickets = Files.readAllLines(ROOT.resolve("dev/distill/tickets.jsonl")).stream()
                .filter(line -> !line.isBlank()).limit(limit).toList();
        var pool = Executors.newFixedThreadPool(16);
        try {
            var answers = new ArrayList<Future<Integer>>();
            for (String line : tickets) {
                var messages = JSON.readTree(line).path("messages");
                answers.add(pool.submit(() -> {
                    var body = JSON.writeValueAsString(Map.of("model", model, "messages", messages));
                    return HTTP.send(HttpRequest.newBuilder(URI.create(router.baseUrl() + "/v1/chat/completions"))
                            .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                            .header("x-switchboard-workload", workload)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                }));
            }
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        return tickets.size();
    }

    /** As the trainer's own tests: skipped without its Python packages, except in CI ({@code CI=true}). */
    private static void requireTheTrainersPackages() throws InterruptedException {
        boolean installed;
        try {
            installed = new ProcessBuilder("python3", "-c", "import torch, transformers, peft, fastapi, uvicorn")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            installed = false;
        }
        String why = "the trainer's pods need python3 with its packages: "
                + "python3 -m pip install -r distill-operator/trainer/requirements.txt";
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(why);
        }
        Assumptions.assumeTrue(installed, "SKIPPED: " + why);
    }

    private static String stage(GenericKubernetesResource job) {
        Object status = job == null ? null : job.getAdditionalProperties().get("status");
        return status == null ? "" : JSON.valueToTree(status).path("stage").asText();
    }

    private static String condition(JsonNode status, String type) {
        return conditionField(status, type, "status");
    }

    private static String reason(JsonNode status, String type) {
        return conditionField(status, type, "reason");
    }

    private static String conditionField(JsonNode status, String type, String field) {
        for (JsonNode condition : status.path("conditions")) {
            if (condition.path("type").asText().equals(type)) {
                return condition.path(field).asText();
            }
        }
        return "missing";
    }

    private static HttpResponse<String> ask(String model, String workload, String ticket) throws Exception {
        var body = JSON.writeValueAsString(Map.of("model", model, "messages",
                List.of(Map.of("role", "user", "content", ticket))));
        return HTTP.send(HttpRequest.newBuilder(URI.create(router.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .header("x-switchboard-workload", workload).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode spend(String query) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(metering.baseUrl() + "/v1/spend?" + query))
                .header("Authorization", "Bearer " + ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
