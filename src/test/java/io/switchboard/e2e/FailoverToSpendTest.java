package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Keys;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.FakeOpenAi.Reply;
import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.ServiceProcess;

/**
 * From a client's request to metered spend: the packaged router and metering services as processes, a real Kafka
 * broker, and two fake OpenAI upstreams, the first of which fails (500, then a hang past the timeout).
 */
class FailoverToSpendTest {

    private static final String ALICE_KEY = "sk-e2e-alice";
    private static final String BOB_KEY = "sk-e2e-bob";
    private static final String ADMIN_KEY = "sk-e2e-admin";
    private static final String CAROL_KEY = "sk-e2e-carol";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KafkaBroker broker;
    private static FakeOpenAi primary;
    private static FakeOpenAi backup;
    private static ServiceProcess router;
    private static ServiceProcess metering;

    @BeforeAll
    static void startTheSystem() throws IOException {
        broker = KafkaBroker.start();
        broker.createSwitchboardTopics();
        primary = FakeOpenAi.start();
        backup = FakeOpenAi.start();
        var routing = Files.createTempFile("e2e-routing-", ".yaml");
        Files.writeString(routing, """
                providers:
                  primary: {type: openai, baseUrl: %s, timeouts: {firstByte: 1s}}
                  backup: {type: openai, baseUrl: %s, timeouts: {firstByte: 1s}}
                models:
                  gpt-4o:
                    deployments:
                      - {provider: primary, model: gpt-4o}
                      - {provider: backup, model: gpt-4o-mini}
                  budgeted:
                    deployments: [{provider: backup, model: gpt-4o-mini}]
                prices:
                  version: e2e-2026-11
                  models:
                    gpt-4o: {input: 2500000, output: 10000000}
                    gpt-4o-mini: {input: 150000, output: 600000}
                keys:
                  - {id: alice-key, sha256: %s, user: alice, team: payments}
                  - {id: bob-key, sha256: %s, user: bob, team: payments}
                  - {id: carol-key, sha256: %s, user: carol, team: research}
                adminKeys:
                  - {id: admin, sha256: %s}
                budgets:
                  - {subject: user:carol, period: day, hard: "0.0002"}
                """.formatted(primary.baseUrl(), backup.baseUrl(), Keys.sha256Hex(ALICE_KEY), Keys.sha256Hex(BOB_KEY),
                Keys.sha256Hex(CAROL_KEY), Keys.sha256Hex(ADMIN_KEY)));
        router = ServiceProcess.start("router-svc", Map.of(
                "switchboard.router.routing-file", routing.toString(),
                "kafka.bootstrap.servers", broker.bootstrapServers()));
        metering = ServiceProcess.start("metering-svc", Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "switchboard.metering.routing-file", routing.toString(),
                "kafka-streams.state.dir", Files.createTempDirectory("e2e-metering-").toString()));
    }

    @AfterAll
    static void stopTheSystem() {
        ServiceProcess.closeAll(metering, router, backup, primary, broker);
    }

    @Test
    void failedOverRequestsAreMeteredToTheMicroDollar() throws Exception {
        // given: the first choice answers 500 twice, hangs twice, then answers 503; the backup reports known usage
        primary.enqueue(Reply.error(500), Reply.error(500), Reply.hang(), Reply.hang()).otherwise(Reply.error(503));
        backup.otherwise(Reply.ok("Served by the backup.", 1234, 321));

        // when: alice sends two plain and two streamed requests, bob one plain
        for (var stream : new boolean[]{false, false, true, true}) {
            var response = chat(ALICE_KEY, stream);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-switchboard-provider")).contains("backup");
            assertThat(response.headers().firstValue("x-switchboard-model")).contains("gpt-4o-mini");
            assertThat(response.body()).contains(stream ? "data: [DONE]" : "Served by the backup.");
        }
        assertThat(chat(BOB_KEY, false).statusCode()).isEqualTo(200);

        // then: each request cost 1234 * $0.15/M + 321 * $0.60/M = 377.7 micro-USD, metered as 378
        long perRequest = Math.round((1234 * 150_000.0 + 321 * 600_000.0) / 1_000_000);
        assertThat(perRequest).isEqualTo(378);
        var today = LocalDate.now(ZoneOffset.UTC);
        var range = "from=" + today.minusDays(1) + "&to=" + today;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            var alice = get(ALICE_KEY, "/v1/spend/users/alice?" + range).path("total");
            assertThat(alice.path("requests").asLong()).isEqualTo(4);
            assertThat(alice.path("inputTokens").asLong()).isEqualTo(4 * 1234);
            assertThat(alice.path("outputTokens").asLong()).isEqualTo(4 * 321);
            assertThat(alice.path("costMicros").asLong()).isEqualTo(4 * perRequest);
            assertThat(alice.path("cost").asText()).isEqualTo("$0.001512");
        });
        var teams = get(ADMIN_KEY, "/v1/spend?groupBy=team&" + range).path("rows");
        assertThat(teams).hasSize(1);
        assertThat(teams.get(0).path("group").path("team").asText()).isEqualTo("payments");
        assertThat(teams.get(0).path("requests").asLong()).isEqualTo(5);
        assertThat(teams.get(0).path("costMicros").asLong()).isEqualTo(5 * perRequest);
        assertThat(primary.received()).hasSize(5);
    }

    @Test
    void aHardBudgetIsNeverOverspent() throws Exception {
        // given: carol may spend 200 micro-USD a day; each request costs 40 * $0.15/M + 50 * $0.60/M = 36, and may
        // cost up to its body (121 bytes) as input tokens plus its 50 output tokens: 49
        backup.otherwise(Reply.ok("Served by the backup.", 40, 50));

        // when: she sends requests one after the other until one is refused
        int served = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            var response = budgeted(CAROL_KEY);
            if (response.statusCode() == 200) {
                served++;
            } else {
                refused = response;
            }
        }

        // then: refused in OpenAI's format before the limit, and the metered spend stays under it
        assertThat(refused).as("a refusal").isNotNull();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("retry-after")).isPresent();
        var error = JSON.readTree(refused.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("budget_exceeded");
        assertThat(error.path("message").asText()).contains("daily budget of user carol");
        // 200 - 36 * 5 = 20 left, less than 49
        assertThat(served).isEqualTo(5);
        var today = LocalDate.now(ZoneOffset.UTC);
        int expected = served;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            var carol = get(ADMIN_KEY, "/v1/spend/users/carol?from=" + today + "&to=" + today).path("total");
            assertThat(carol.path("requests").asLong()).isEqualTo(expected);
            assertThat(carol.path("costMicros").asLong()).isEqualTo(expected * 36L).isLessThanOrEqualTo(200);
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var budget = get(ADMIN_KEY, "/v1/budgets").path("budgets").get(0);
            assertThat(budget.path("subject").asText()).isEqualTo("user:carol");
            assertThat(budget.path("spentMicros").asLong()).isEqualTo(expected * 36L);
        });
    }

    private static HttpResponse<String> chat(String key, boolean stream) throws Exception {
        return send(key, "{\"model\":\"gpt-4o\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Summarise the release notes.\"}]}");
    }

    private static HttpResponse<String> budgeted(String key) throws Exception {
        return send(key, "{\"model\":\"budgeted\",\"stream\":false,\"max_tokens\":50"
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Summarise the release notes.\"}]}");
    }

    private static HttpResponse<String> send(String key, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(router.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(String key, String path) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(metering.baseUrl() + path))
                .header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
