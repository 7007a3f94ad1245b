package io.switchboard.router;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Topics;
import io.switchboard.events.Trace;
import io.switchboard.events.UsageEvent;
import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.Management;

/**
 * Kafka stops and comes back while requests keep flowing: every request is served and metered, none twice, and every
 * request of a captured workload is captured once.
 */
@QuarkusTest
@WithTestResource(RouterTestResource.class)
class KafkaOutageTest {

    private static final String CHAT = "{\"model\":\"sim-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final int CLIENTS = 4;

    @TestHTTPResource("/v1/chat/completions")
    URI chat;

    @Test
    void noUsageIsLostOrCountedTwiceWhenKafkaStopsUnderLoad() throws Exception {
        // given: clients sending requests all the time
        KafkaBroker broker = RouterTestResource.broker;
        Set<String> served = ConcurrentHashMap.newKeySet();
        var running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        var http = HttpClient.newHttpClient();
        var load = IntStream.range(0, CLIENTS).mapToObj(i -> clients.submit(() -> {
            while (running.get()) {
                var response = http.send(HttpRequest.newBuilder(chat)
                        .header("authorization", "Bearer " + RouterTestResource.KEY)
                        .header("content-type", "application/json")
                        .header("x-switchboard-workload", "support-triage")
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(response.statusCode()).isEqualTo(200);
                served.add(response.headers().firstValue("x-switchboard-request-id").orElseThrow());
            }
            return null;
        })).toList();

        // when: Kafka stops for a few seconds under that load, and comes back on the same port with its data
        Thread.sleep(1000);
        int beforeOutage = served.size();
        broker.stop();
        Thread.sleep(3000);
        int duringOutage = served.size() - beforeOutage;
        broker.restart();
        Thread.sleep(1000);
        running.set(false);
        for (Future<?> client : load) {
            client.get(10, TimeUnit.SECONDS);
        }
        clients.shutdown();

        // then: the router kept serving
        assertThat(duringOutage).as("requests served while Kafka was stopped").isGreaterThan(50);

        // and every request's usage event is on the topic, each request with exactly one event id
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var eventIds = eventIdsByRequest(broker, served);
            assertThat(eventIds.keySet()).containsExactlyInAnyOrderElementsOf(served);
            assertThat(eventIds.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        });

        // and every request's trace (its workload captures all of them), each request with exactly one
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var traceIds = traceIdsByRequest(broker, served);
            assertThat(traceIds.keySet()).containsExactlyInAnyOrderElementsOf(served);
            assertThat(traceIds.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        });

        // and some of them went by way of the spools
        var metrics = given().when().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        assertThat(counter(metrics, "usage", "replayed")).isPositive();
        assertThat(counter(metrics, "usage", "dropped")).isZero();
        assertThat(counter(metrics, "traces", "replayed")).isPositive();
        assertThat(counter(metrics, "traces", "dropped")).isZero();
    }

    private static Map<String, Set<UUID>> traceIdsByRequest(KafkaBroker broker, Set<String> requests) {
        return broker.readMatching(Topics.TRACES, Trace.class, trace -> requests.contains(trace.requestId()),
                Duration.ofSeconds(10)).stream().map(KafkaBroker.Keyed::value).collect(Collectors.groupingBy(
                        Trace::requestId, Collectors.mapping(Trace::traceId, Collectors.toSet())));
    }

    private static Map<String, Set<UUID>> eventIdsByRequest(KafkaBroker broker, Set<String> requests) {
        return broker.readMatching(Topics.USAGE, UsageEvent.class, event -> requests.contains(event.requestId()),
                Duration.ofSeconds(10)).stream().map(KafkaBroker.Keyed::value).collect(Collectors.groupingBy(
                        UsageEvent::requestId, Collectors.mapping(UsageEvent::eventId, Collectors.toSet())));
    }

    private static double counter(String metrics, String outbox, String result) {
        var line = Pattern.compile("^switchboard_router_" + outbox + "_events_total\\{result=\"" + result
                + "\"} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
