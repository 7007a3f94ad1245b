package io.switchboard.metering.budget;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Budget;
import io.switchboard.events.BudgetStanding;
import io.switchboard.events.Decision;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.Management;

/**
 * Metering started while Kafka was away: {@code GET /v1/budgets} answers 503 with Retry-After, never a spend of 0,
 * and metering is not ready, until Kafka returns and the decisions topic is read to its end; then the right figure.
 */
@QuarkusTest
@WithTestResource(BudgetsOutageTest.KafkaAwayAtStart.class)
class BudgetsOutageTest {

    private static final String ADMIN = "sk-test-admin";

    @Test
    void budgetsAnswer503UntilTheStandingsAreReadThenTheRightFigure() {
        // given: metering started while Kafka was away, after gus had spent $0.60 of his day

        // then
        given().auth().oauth2(ADMIN).when().get("/v1/budgets")
                .then().statusCode(503)
                .header("Retry-After", "2")
                .body("error.type", equalTo("unavailable"))
                .body("error.message", containsString("still being read"));
        given().when().get(Management.url("/q/health/ready")).then().statusCode(503)
                .body("checks.find { it.name == 'decisions' }.status", equalTo("DOWN"));
        given().when().get(Management.url("/q/health/live")).then()
                .body("checks.find { it.name == 'kafka-readers' }.status", equalTo("UP"));

        // when
        KafkaBrokerResource.broker().restart();
        long back = System.nanoTime();

        // then
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> given()
                .auth().oauth2(ADMIN).when().get("/v1/budgets")
                .then().statusCode(200)
                .body("budgets.find { it.subject == 'user:gus' }.spentMicros", equalTo(600_000))
                .body("budgets.find { it.subject == 'user:gus' }.state", equalTo("soft")));
        System.out.printf("budgets answered %d ms after Kafka returned%n",
                Duration.ofNanos(System.nanoTime() - back).toMillis());
        given().when().get(Management.url("/q/health/ready")).then()
                .body("checks.find { it.name == 'decisions' }.status", equalTo("UP"));
    }

    /** A broker with gus's standing on the decisions topic, stopped before metering starts. */
    public static class KafkaAwayAtStart extends KafkaBrokerResource {

        @Override
        public Map<String, String> start() {
            var config = super.start();
            var now = Instant.now();
            var budget = Budget.of("user:gus", "day", "0.50", "1.00", "");
            var standing = new BudgetStanding(budget, 600_000, budget.period().start(now), budget.period().end(now),
                    now, BudgetStanding.Level.SOFT, false);
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.DECISIONS, "user:gus", EventJson.write(new Decision(
                        "user:gus", Decision.Action.ALLOW, Decision.BUDGET, "", "", now, null,
                        List.of(standing))))).get();
            } catch (Exception e) {
                throw new IllegalStateException("cannot publish the standing", e);
            }
            broker().stop();
            return config;
        }
    }
}
