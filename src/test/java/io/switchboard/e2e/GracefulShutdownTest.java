package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.switchboard.events.Keys;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.ServiceProcess;

/**
 * A router pod being replaced: asked to stop with SIGTERM, the packaged router reports not ready at once while it still
 * serves for the shutdown delay, then refuses new requests, lets the stream in flight finish, and publishes that
 * stream's usage before it exits.
 */
class GracefulShutdownTest {

    private static final String KEY = "sk-e2e-shutdown";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KafkaBroker broker;
    private static ServiceProcess router;

    @BeforeAll
    static void startTheSystem() throws IOException {
        broker = KafkaBroker.start();
        broker.createSwitchboardTopics();
        var routing = Files.createTempFile("e2e-shutdown-routing-", ".yaml");
        // 12 to 20 words (max_tokens), 400 ms apart: a stream of 4.8 to 8 s, longer than the shutdown delay
        Files.writeString(routing, """
                providers:
                  slow: {type: simulated, latency: 10ms, chunkInterval: 400ms}
                models:
                  slow-model:
                    deployments: [{provider: slow, model: sim-small}]
                prices:
                  version: e2e-shutdown
                  models:
                    sim-small: {input: 150000, output: 600000}
                keys:
                  - {id: shutdown-key, sha256: %s, user: dana, team: platform}
                """.formatted(Keys.sha256Hex(KEY)));
        router = ServiceProcess.start("router-svc", Map.of(
                "switchboard.router.routing-file", routing.toString(),
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.shutdown.delay", "2s",
                "quarkus.shutdown.timeout", "20s"));
    }

    @AfterAll
    static void stopTheSystem() {
        ServiceProcess.closeAll(router, broker);
    }

    @Test
    void aStreamInFlightFinishesAndIsMeteredWhileNewRequestsAreTurnedAway() throws Exception {
        // given: a stream under way
        var response = HTTP.send(chat(true), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        String requestId = response.headers().firstValue("x-switchboard-request-id").orElseThrow();
        var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        var lines = new ArrayList<String>();
        lines.add(firstData(reader));
        CompletableFuture<List<String>> rest = CompletableFuture.supplyAsync(() -> readToTheEnd(reader));

        // when: Kubernetes asks the pod to stop
        router.terminate();

        // then: readiness is down at once, so the Service stops sending, while requests are still served
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(
                () -> HTTP.send(readiness(), HttpResponse.BodyHandlers.discarding()).statusCode() == 503);
        assertThat(HTTP.send(chat(false), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        // and: after the delay, a new request is turned away (503, or no listener any more)
        await().atMost(Duration.ofSeconds(5)).until(() -> refused(chat(false)));
        // and: the stream in flight ran to its end, and the router exited after it
        lines.addAll(rest.get());
        assertThat(lines).last().isEqualTo("data: [DONE]");
        assertThat(lines.size()).isGreaterThan(12);
        assertThat(router.exitsWithin(Duration.ofSeconds(20))).isTrue();
        // and: its usage reached Kafka before the exit, once
        var usage = broker.readMatching(Topics.USAGE, UsageEvent.class,
                event -> event.requestId().equals(requestId), Duration.ofSeconds(10));
        assertThat(usage).hasSize(1);
        assertThat(usage.get(0).value().outcome()).isEqualTo(UsageEvent.Outcome.OK);
    }

    private static HttpRequest chat(boolean stream) {
        return HttpRequest.newBuilder(URI.create(router.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        """
                                {"model": "slow-model", "stream": %s, "max_tokens": 20, "messages": [{"role": "user", "content": "Hello"}]}
                                """
                                .formatted(stream)))
                .build();
    }

    private static HttpRequest readiness() {
        return HttpRequest.newBuilder(URI.create(router.managementUrl() + "/q/health/ready")).build();
    }

    private static boolean refused(HttpRequest request) throws InterruptedException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 503;
        } catch (IOException e) {
            return true;
        }
    }

    private static String firstData(BufferedReader reader) throws IOException {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith("data: ")) {
                return line;
            }
        }
        throw new IOException("the stream ended before its first event");
    }

    private static List<String> readToTheEnd(BufferedReader reader) {
        var lines = new ArrayList<String>();
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data: ")) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            lines.add("broken: " + e);
        }
        return lines;
    }
}
