package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.switchboard.events.EventJson;
import io.switchboard.events.StudentRoute;
import io.switchboard.events.Topics;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.FakeWebhook;
import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.ServiceProcess;

/**
 * The packaged router, metering and breaker run with the configuration the chart renders (its routing ConfigMap, each
 * container's env and the Secrets it refers to; only addresses and paths of the cluster replaced), against a Kafka
 * broker that takes only clients authenticated with SASL, as the values say. Every metric the alerts and dashboards
 * use is one they expose: checked against a scrape of the running services, after traffic that makes each meter
 * appear (failovers, an open circuit, a retired model, a budget crossed and hit, a runaway session asked about and
 * answered, a promoted student's answers shadowed).
 */
class ChartConfiguredServicesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Named in the values; not rendered by the chart. */
    private static final String KAFKA_SECRET = "kafka-client";

    private static KafkaBroker broker;
    private static FakeWebhook webhook;
    private static FakeOpenAi student;
    private static ServiceProcess router;
    private static ServiceProcess metering;
    private static ServiceProcess breaker;
    private static String adminKey;
    private static Path routingFile;
    private static List<HasMetadata> objects;

    @BeforeAll
    static void startTheServicesAsTheChartConfiguresThem() throws Exception {
        broker = KafkaBroker.startWithSasl();
        broker.createSwitchboardTopics();
        webhook = FakeWebhook.start();
        student = FakeOpenAi.start();
        student.otherwise(FakeOpenAi.Reply.ok("Going on.", 10, 2));
        objects = Manifests
                .parse(Chart.render(List.of(Chart.ROOT.resolve("deploy/src/test/resources/services-values.yaml")),
                        Map.of("metering.settings.SWITCHBOARD_METERING_BUDGET_WEBHOOK", webhook.url(),
                                "breaker.settings.SWITCHBOARD_BREAKER_WEBHOOK_URL", webhook.url())));
        adminKey = decode(Manifests.named(objects, Secret.class, "switchboard-admin-key").getData().get("key"));
        routingFile = Files.createTempDirectory("chart-routing-").resolve("routing.yaml");
        Files.writeString(routingFile,
                Manifests.configMap(objects, "switchboard-routing").getData().get("routing.yaml"));

        router = ServiceProcess.start("router-svc", Map.of(), env(objects, "switchboard-router"));
        metering = ServiceProcess.start("metering-svc", Map.of(), env(objects, "switchboard-metering"));
        breaker = ServiceProcess.start("breaker-svc", Map.of(), env(objects, "switchboard-breaker"));
    }

    @AfterAll
    static void stopTheServices() {
        ServiceProcess.closeAll(breaker, metering, router, webhook, student, broker);
    }

    @Test
    void alertsAndDashboardsUseOnlyMetricsTheServicesExpose() throws Exception {
        // given: every metric name the alert rules and the dashboards select
        var referenced = new TreeSet<String>();
        PrometheusRulesTest.expressions().forEach(expr -> referenced.addAll(PromQl.metricNames(expr)));
        DashboardsTest.expressions().forEach(expr -> referenced.addAll(PromQl.metricNames(expr)));
        assertThat(referenced).hasSizeGreaterThan(20);

        // when: traffic that makes each of the services' meters appear
        for (int i = 0; i < 12; i++) {
            chat("sk-chart-bob", "chat", null, i % 2 == 0);
        }
        chat("sk-chart-bob", "old-chat", null, false);
        for (int i = 0; i < 6; i++) {
            chat("sk-chart-alice", "chat", null, false);
        }
        Files.writeString(routingFile, Files.readString(routingFile) + "\n# edited\n");
        var session = "chart-session";
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> chat("sk-chart-bob", "chat", session, false).statusCode() == 403);
        var answer = HTTP.send(HttpRequest.newBuilder(URI.create(breaker.baseUrl() + "/v1/sessions/" + session
                + "/answer")).header("Content-Type", "application/json").header("Authorization", "Bearer " + adminKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"answer\":\"continue\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        // and: a promoted student whose every answer the teacher is asked again (shadow evaluation), asked by bob
        // (alice has spent her hard budget)
        try (var producer = new KafkaProducer<>(broker.clientSettings(), new StringSerializer(),
                new ByteArraySerializer())) {
            var route = new StudentRoute("ml/chart", "chat", "shadowed", "chart-student", student.baseUrl(), 1, 1,
                    Instant.now(), null, 100);
            producer.send(new ProducerRecord<>(Topics.ROUTES, route.job(), EventJson.write(route))).get();
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> HTTP.send(
                HttpRequest.newBuilder(URI.create(router.baseUrl() + "/v1/chat/completions"))
                        .header("Authorization", "Bearer sk-chart-bob").header("Content-Type", "application/json")
                        .header("x-switchboard-workload", "shadowed")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"chat\",\"messages\":"
                                + "[{\"role\":\"user\",\"content\":\"Keep going.\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("x-switchboard-provider").orElse("")
                .equals("student:ml/chart"));

        // then
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            var exposed = new TreeSet<String>();
            for (var service : List.of(router, metering, breaker)) {
                exposed.addAll(scrape(service));
            }
            assertThat(exposed).as("metrics exposed by the running services").containsAll(referenced);
        });
    }

    @Test
    void everyKafkaClientOfEveryServiceAuthenticatesWithTheChartsSecuritySettings() throws Exception {
        // when: the services are ready (ServiceProcess waited for it; each one's readiness waits on its Kafka clients)
        // and traffic went through every path that reaches Kafka: usage, spend, budgets, sessions, routes
        assertThat(chat("sk-chart-alice", "chat", null, false).statusCode()).isEqualTo(200);
        var json = new ObjectMapper();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> json.readTree(HTTP
                .send(HttpRequest.newBuilder(URI.create(metering.baseUrl() + "/v1/spend/users/alice"))
                        .header("Authorization", "Bearer sk-chart-alice").build(),
                        HttpResponse.BodyHandlers.ofString())
                .body()).path("total").path("requests").asLong() > 0);

        // then: every connection the broker took authenticated (a client without the settings reconnects again and
        // again, so the count would not settle at 0)
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> broker.unauthenticatedConnections() == 0);
        // and: a client made from the bootstrap servers alone is refused, and counted
        try (var plain = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000))) {
            assertThatThrownBy(() -> plain.listTopics().names().get()).isInstanceOf(ExecutionException.class);
        }
        assertThat(broker.unauthenticatedConnections()).isPositive();
    }

    @Test
    void healthAndMetricsAreServedOnTheManagementPortAloneNeverOnTheApiPort() throws Exception {
        for (var service : List.of(router, metering, breaker)) {
            for (var path : List.of("/q/metrics", "/q/health/ready")) {
                assertThat(status(service.managementUrl() + path)).as("%s on the management port", path)
                        .isEqualTo(200);
                assertThat(status(service.baseUrl() + path)).as("%s on the API port", path).isEqualTo(404);
            }
        }
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void theServicesLogJsonLinesAndTheRouterOneLinePerRequestWithoutItsText() throws Exception {
        // when
        var response = chat("sk-chart-alice", "chat", null, false);
        String requestId = response.headers().firstValue("x-switchboard-request-id").orElseThrow();

        // then: every service's console is JSON lines, as the chart's logFormat says
        var json = new ObjectMapper();
        for (var module : List.of("router-svc", "metering-svc", "breaker-svc")) {
            var lines = Files.readAllLines(Path.of("target/logs", module + ".log"));
            assertThat(lines).as(module).isNotEmpty().allSatisfy(line -> assertThat(json.readTree(line).path("level")
                    .asText()).as("%s: %s", module, line).isNotEmpty());
        }
        // and: the router's line for the request has who, what and how it went, and neither the prompt nor the key
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var line = Files.readAllLines(Path.of("target/logs/router-svc.log")).stream()
                    .filter(text -> text.contains(requestId)).findFirst();
            assertThat(line).isPresent();
            var logged = json.readTree(line.get());
            assertThat(logged.path("loggerName").asText()).isEqualTo("io.switchboard.router.requests");
            assertThat(logged.path("message").asText()).contains("id=" + requestId, "user=alice", "model=chat",
                    "status=200", "outcome=ok").doesNotContain("Keep going", "sk-chart-alice");
        });
    }

    private static HttpResponse<String> chat(String key, String model, String session, boolean stream)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(router.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":" + stream
                        + ",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"Keep going.\"}]}"));
        if (session != null) {
            request.header("X-Session-Id", session).header("User-Agent", "claude-cli/2.0.14 (external, cli)");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Names of the samples of a Prometheus scrape. */
    private static Set<String> scrape(ServiceProcess service) throws Exception {
        var body = HTTP.send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var names = new TreeSet<String>();
        body.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }

    /**
     * A container's env as the chart renders it: Secrets resolved, the pod's own fields (names, namespace) dropped,
     * and what only exists in a cluster (Kafka's address, mounted paths) pointed at this machine.
     */
    private static Map<String, String> env(List<HasMetadata> objects, String workload) throws Exception {
        Container container = Manifests.container(objects, workload);
        var env = new HashMap<String, String>();
        for (var variable : container.getEnv()) {
            var from = variable.getValueFrom();
            if (from == null) {
                env.put(variable.getName(), variable.getValue());
            } else if (from.getSecretKeyRef() != null) {
                var ref = from.getSecretKeyRef();
                env.put(variable.getName(), ref.getName().equals(KAFKA_SECRET)
                        ? kafkaSecret().get(ref.getKey())
                        : decode(Manifests.named(objects, Secret.class, ref.getName()).getData().get(ref.getKey())));
            }
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.computeIfPresent("SWITCHBOARD_ROUTING_FILE", (name, path) -> routingFile.toString());
        env.computeIfPresent("METERING_ADVERTISED_HOST", (name, host) -> "localhost");
        for (var state : Stream.of("SWITCHBOARD_USAGE_SPOOL_DIR", "SWITCHBOARD_TRACES_SPOOL_DIR", "METERING_STATE_DIR",
                "BREAKER_STATE_DIR").toList()) {
            if (env.containsKey(state)) {
                env.put(state, Files.createTempDirectory("chart-" + workload + "-").toString());
            }
        }
        assertThat(env.values()).as("%s env left with a cluster reference", workload).noneMatch(v -> v.contains("$("));
        return env;
    }

    /** The Secret with the Kafka client's JAAS configuration that the platform team creates: the test broker's. */
    private static Map<String, String> kafkaSecret() {
        return Map.of("sasl.jaas.config", broker.clientSettings().get(SaslConfigs.SASL_JAAS_CONFIG).toString());
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
