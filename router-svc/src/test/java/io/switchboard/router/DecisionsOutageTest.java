package io.switchboard.router;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.Decision;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.testing.Management;

/**
 * A router that starts while Kafka is away: not ready and refusing callers with a hard budget (it is set to) until
 * Kafka returns and the decisions topic is read to its end; then the decisions published before and meanwhile are
 * enforced within seconds.
 */
@QuarkusTest
@WithTestResource(DecisionsOutageTest.KafkaAwayAtStart.class)
class DecisionsOutageTest {

    private static final String CHAT = "{\"model\":\"gpt-4o\",\"max_tokens\":10,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @Test
    void decisionsAreEnforcedSecondsAfterKafkaReturnsAndTheRouterIsNotReadyUntilThen() throws Exception {
        // given: the router started while Kafka was away, after bob's user had been blocked; it keeps trying
        pause(3000);
        given().when().get(Management.url("/q/health/ready")).then().statusCode(503)
                .body("checks.find { it.name == 'decisions' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'decisions' }.data.state", equalTo("connecting"))
                .body("checks.find { it.name == 'decisions' }.data.problem", containsString("TimeoutException"));
        var metrics = metrics();
        assertThat(gauge(metrics, "switchboard_router_decisions_caught_up")).isZero();
        assertThat(gauge(metrics, "switchboard_router_decisions_state")).as("connecting").isEqualTo(2);
        assertThat(gauge(metrics, "switchboard_router_decisions_staleness_seconds")).isGreaterThan(2);
        given().get(Management.url("/q/health/live")).then().statusCode(200);

        // then: bob has a hard budget whose standing is unknown: 503 with Retry-After; alice has none and is served
        bob().then().statusCode(503)
                .header("retry-after", "5")
                .body("error.type", equalTo("server_error"))
                .body("error.code", equalTo("budget_unavailable"));
        chat(RouterTestResource.KEY).then().statusCode(200);

        // when: a decision is published while Kafka is away (the producer waits for it), and Kafka returns
        var returned = CompletableFuture.supplyAsync(() -> {
            pause(1000);
            RouterTestResource.broker.restart();
            return System.nanoTime();
        });
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.DECISIONS, "key:alice-key", EventJson.write(new Decision(
                    "key:alice-key", Decision.Action.PAUSE, "breaker", "Paused while Kafka was away.", "",
                    Instant.now(), null)))).get();
        }
        long back = returned.get();

        // then: both decisions are enforced within seconds of Kafka's return
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> bob()
                .then().statusCode(429).body("error.message", equalTo("The daily budget of bob is spent.")));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> chat(
                RouterTestResource.KEY).then().statusCode(403).body("error.code", equalTo("paused")));
        System.out.printf("decisions enforced %d ms after Kafka returned%n",
                Duration.ofNanos(System.nanoTime() - back).toMillis());

        // and the router is ready, its feed live and caught up
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> given()
                .when().get(Management.url("/q/health/ready")).then().statusCode(200)
                .body("checks.find { it.name == 'decisions' }.data.state", equalTo("live")));
        System.out.printf("router ready %d ms after Kafka returned%n",
                Duration.ofNanos(System.nanoTime() - back).toMillis());
        metrics = metrics();
        assertThat(gauge(metrics, "switchboard_router_decisions_caught_up")).isEqualTo(1);
        assertThat(gauge(metrics, "switchboard_router_decisions_state")).as("live").isZero();
        assertThat(gauge(metrics, "switchboard_router_decisions_staleness_seconds")).isLessThan(3);
        // the lag is measured once a second
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(
                gauge(metrics(), "switchboard_router_decisions_lag_records")).isZero());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static io.restassured.response.Response bob() {
        return chat(RouterTestResource.BUDGETED_KEY);
    }

    private static io.restassured.response.Response chat(String key) {
        return given().auth().oauth2(key).contentType(ContentType.JSON).body(CHAT)
                .when().post("/v1/chat/completions");
    }

    private static String metrics() {
        return given().when().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
    }

    private static double gauge(String metrics, String name) {
        var line = Pattern.compile("^" + name + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        assertThat(line.find()).as(name).isTrue();
        return Double.parseDouble(line.group(1));
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                RouterTestResource.broker.bootstrapServers()), new StringSerializer(), new ByteArraySerializer());
    }

    /** The router's test resource, with bob's user blocked before Kafka goes away and the router starts. */
    public static class KafkaAwayAtStart extends RouterTestResource {

        @Override
        public Map<String, String> start() {
            var config = new HashMap<>(super.start());
            try (var producer = producer()) {
                producer.send(new ProducerRecord<>(Topics.DECISIONS, "user:bob", EventJson.write(new Decision(
                        "user:bob", Decision.Action.BLOCK, Decision.BUDGET, "The daily budget of bob is spent.", "",
                        Instant.now(), Instant.now().plus(1, ChronoUnit.HOURS))))).get();
            } catch (Exception e) {
                throw new IllegalStateException("cannot publish the block", e);
            }
            broker.stop();
            config.put("switchboard.router.decisions.until-caught-up", "refuse-hard-budgets");
            return config;
        }
    }
}
