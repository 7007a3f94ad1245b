package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.switchboard.events.Keys;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.FakeOpenAi.Reply;
import io.switchboard.testing.FakeWebhook;
import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.ServiceProcess;

/**
 * A runaway session from the router's first request to the router refusing it: the breaker, with rules small enough
 * to cross in seconds, asks the owner (a fake webhook receives the question), pauses the session, and the owner's
 * stop blocks it on the router.
 */
class RunawaySessionTest {

    private static final String KEY = "sk-e2e-carol";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KafkaBroker broker;
    private static FakeOpenAi upstream;
    private static FakeWebhook webhook;
    private static ServiceProcess router;
    private static ServiceProcess breaker;

    @BeforeAll
    static void startTheSystem() throws Exception {
        broker = KafkaBroker.start();
        broker.createSwitchboardTopics();
        upstream = FakeOpenAi.start().otherwise(Reply.ok("Working on it.", 500, 200));
        webhook = FakeWebhook.start();
        var routing = Files.createTempFile("e2e-routing-", ".yaml");
        Files.writeString(routing, """
                providers:
                  upstream: {type: openai, baseUrl: %s}
                models:
                  gpt-4o:
                    deployments: [{provider: upstream, model: gpt-4o}]
                prices: {version: e2e, models: {gpt-4o: {input: 2500000, output: 10000000}}}
                keys:
                  - {id: carol-key, sha256: %s, user: carol, team: search}
                """.formatted(upstream.baseUrl(), Keys.sha256Hex(KEY)));
        router = ServiceProcess.start("router-svc", Map.of(
                "switchboard.router.routing-file", routing.toString(),
                "kafka.bootstrap.servers", broker.bootstrapServers()));
        var breakerConfig = new HashMap<String, String>();
        breakerConfig.put("kafka.bootstrap.servers", broker.bootstrapServers());
        breakerConfig.put("kafka-streams.state.dir", Files.createTempDirectory("e2e-breaker-").toString());
        breakerConfig.put("switchboard.breaker.token-secret", "e2e-secret-of-enough-length");
        breakerConfig.put("switchboard.breaker.webhook.url", webhook.url());
        breakerConfig.put("switchboard.breaker.defaults.active-duration", "PT2S");
        breakerConfig.put("switchboard.breaker.defaults.tokens", "2000");
        breakerConfig.put("switchboard.breaker.defaults.policy", "pause");
        breaker = ServiceProcess.start("breaker-svc", breakerConfig);
    }

    @AfterAll
    static void stopTheSystem() {
        ServiceProcess.closeAll(breaker, router, webhook, upstream, broker);
    }

    @Test
    void aStoppedSessionIsRefusedByTheRouter() throws Exception {
        // given: an agent session working steadily through the router
        var session = "e2e-session";
        HttpResponse<String> refused = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (refused == null && System.nanoTime() < deadline) {
            var response = chat(session);
            if (response.statusCode() == 403) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                Thread.sleep(500);
            }
        }

        // then: once it crossed the rules, the router pauses it and says where to answer
        assertThat(refused).as("the session was paused").isNotNull();
        assertThat(refused.body()).contains("\"code\":\"paused\"", "Answer at http://localhost:8082/confirm?token=");
        assertThat(chat("another-session").statusCode()).isEqualTo(200);

        // when: the owner, notified through the webhook, answers stop
        await().atMost(Duration.ofSeconds(10)).until(() -> webhook.received().stream().anyMatch(b -> b.contains(
                session)));
        var notification = webhook.received().stream().filter(b -> b.contains(session)).findFirst().orElseThrow();
        var matcher = Pattern.compile("token=([A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)").matcher(notification);
        assertThat(matcher.find()).isTrue();
        var answer = HTTP.send(HttpRequest.newBuilder(URI.create(breaker.baseUrl() + "/v1/sessions/" + session
                + "/answer")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + matcher.group(1)
                        + "\",\"answer\":\"stop\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        // then: the router refuses the session as stopped within two seconds
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> chat(session).body().contains("\"code\":\"blocked\""));
        assertThat(chat(session).body()).contains("stopped by carol");
    }

    private static HttpResponse<String> chat(String session) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(router.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .header("X-Session-Id", session)
                .header("User-Agent", "claude-cli/2.0.14 (external, cli)")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Keep going.\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
