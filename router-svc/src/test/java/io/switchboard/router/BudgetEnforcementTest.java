package io.switchboard.router;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.Budget;
import io.switchboard.events.BudgetStanding;
import io.switchboard.events.Decision;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;

/**
 * Budgets from the routing file and from metering's decisions, enforced with 429 in the client's own format: bob's key
 * may spend 5 cents a day (gpt-4o: $2.50 per million input tokens, $10 per million output).
 */
@QuarkusTest
@WithTestResource(RouterTestResource.class)
class BudgetEnforcementTest {

    private static final String CHAT = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]%s}";

    @AfterEach
    void clear() throws Exception {
        send("key:bob-key", null);
        send("user:bob", null);
    }

    @Test
    void aRequestWhoseWorstCaseDoesNotFitIsRefusedBeforeItCostsAnything() {
        // 16,384 output tokens when max_tokens is absent: $0.16, more than the 5 cents of the day
        given().auth().oauth2(RouterTestResource.BUDGETED_KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted(""))
                .when().post("/v1/chat/completions")
                .then().statusCode(429)
                .header("retry-after", notNullValue())
                .body("error.type", equalTo("rate_limit_error"))
                .body("error.code", equalTo("budget_exceeded"))
                .body("error.message", containsString("more than is left of the daily budget of key bob-key "
                        + "($0.00 of $0.05 spent)"));
        // 100 output tokens: a tenth of a cent at most
        given().auth().oauth2(RouterTestResource.BUDGETED_KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted(",\"max_tokens\":100"))
                .when().post("/v1/chat/completions")
                .then().statusCode(200);
    }

    @Test
    void whatMeteringCountedLeavesLessToReserve() throws Exception {
        var now = Instant.now();
        var budget = Budget.of("key:bob-key", "day", null, "0.05", "");
        var start = budget.period().start(now);
        var standing = new BudgetStanding(budget, 49_900, start, budget.period().end(now), now,
                BudgetStanding.Level.OK, false);
        send("key:bob-key", new Decision("key:bob-key", Decision.Action.ALLOW, Decision.BUDGET, "", "", now, null,
                List.of(standing)));
        // 100 output tokens may cost $0.001: more than the $0.0001 left
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> given()
                .auth().oauth2(RouterTestResource.BUDGETED_KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted(",\"max_tokens\":100"))
                .when().post("/v1/chat/completions")
                .then().statusCode(429)
                .body("error.message", containsString("($0.05 of $0.05 spent)")));
    }

    @Test
    void meteringsBlockReachesTheRouterWithinTwoSecondsInEachClientsFormat() throws Exception {
        given().auth().oauth2(RouterTestResource.BUDGETED_KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted(",\"max_tokens\":10"))
                .when().post("/v1/chat/completions")
                .then().statusCode(200);
        var resets = Instant.now().plus(1, ChronoUnit.HOURS);
        var block = new Decision("user:bob", Decision.Action.BLOCK, Decision.BUDGET,
                "The monthly budget of user bob is spent.", "", Instant.now(), resets);
        var sent = System.nanoTime();
        send("user:bob", block);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> given()
                .auth().oauth2(RouterTestResource.BUDGETED_KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted(",\"max_tokens\":10"))
                .when().post("/v1/chat/completions")
                .then().statusCode(429)
                .body("error.type", equalTo("rate_limit_error"))
                .body("error.code", equalTo("budget_exceeded"))
                .body("error.message", equalTo("The monthly budget of user bob is spent.")));
        System.out.printf("budget block enforced %d ms after it was published%n",
                Duration.ofNanos(System.nanoTime() - sent).toMillis());
        var retryAfter = given().auth().oauth2(RouterTestResource.BUDGETED_KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted(",\"max_tokens\":10"))
                .when().post("/v1/chat/completions")
                .then().statusCode(429).extract().header("retry-after");
        assertThat(Long.parseLong(retryAfter)).as("seconds until the block expires").isBetween(3590L, 3600L);
        given().header("x-api-key", RouterTestResource.BUDGETED_KEY).header("anthropic-version", "2023-06-01")
                .contentType(ContentType.JSON)
                .body("{\"model\":\"gpt-4o\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .when().post("/v1/messages")
                .then().statusCode(429)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("rate_limit_error"))
                .body("error.message", equalTo("The monthly budget of user bob is spent."));
        given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted(",\"max_tokens\":10"))
                .when().post("/v1/chat/completions")
                .then().statusCode(200);
    }

    private static void send(String subject, Decision decision) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                RouterTestResource.broker.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DECISIONS, subject,
                    decision == null ? null : EventJson.write(decision))).get();
        }
    }
}
