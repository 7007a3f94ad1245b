package io.switchboard.breaker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import io.restassured.response.Response;
import io.switchboard.events.ClientInfo;
import io.switchboard.events.Confirmation;
import io.switchboard.events.Decision;
import io.switchboard.events.EventJson;
import io.switchboard.events.Tokens;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.Management;

/** A session crossing its rules through a real broker: the question, the notification, the page, the answer. */
@QuarkusTest
@WithTestResource(BreakerTestResource.class)
class SessionsApiTest {

    private static final String ADMIN_KEY = "sk-test-admin";

    @Test
    void theOwnerIsAskedAndStoppingTheSessionBlocksIt() throws Exception {
        // given: a session active for two hours, heavy enough for the test rules (1 h, 1,000 tokens, pause at once)
        var session = "sess-" + UUID.randomUUID();
        // and, ahead of its question on the same partition, a record the notifier cannot read
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.broker().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CONFIRMATIONS, session, "not json".getBytes())).get();
        }
        publishWork(session, Instant.now().minus(Duration.ofHours(2)), 13);

        // then: the owner is notified (after one refused delivery) with a link to answer
        await().atMost(Duration.ofSeconds(30)).until(() -> BreakerTestResource.webhook.received().stream()
                .anyMatch(body -> body.contains(session)));
        given().when().get(Management.url("/q/health/live")).then().statusCode(200)
                .body("checks.find { it.name == 'confirmations-reader' }.status", equalTo("UP"));
        var notification = BreakerTestResource.webhook.received().stream().filter(body -> body.contains(session))
                .findFirst().orElseThrow();
        assertThat(notification).contains("\"blocks\"", session, "claude-code", "Continue", "Stop");
        var matcher = Pattern.compile("token=([A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)").matcher(notification);
        assertThat(matcher.find()).isTrue();
        var token = matcher.group(1);
        var pause = decisionFor(session, Decision.Action.PAUSE);
        assertThat(pause.confirmUrl()).contains(token);

        // and the page shows what runs, and admins see the question as pending
        given().queryParam("token", token).when().get("/confirm")
                .then().statusCode(200).body(containsString("Is this session still meant to run?"))
                .body(containsString("This session has run for 1 h 0 min."));
        given().auth().oauth2(ADMIN_KEY).queryParam("state", "pending").when().get("/v1/sessions")
                .then().statusCode(200).body("sessions.sessionId", hasItem(session));
        given().queryParam("state", "pending").when().get("/v1/sessions").then().statusCode(401);

        // when: a forged token is refused, the real one answers stop, and a replay of it is refused
        var forged = token.substring(0, token.indexOf('.')) + ".AAAA";
        answer(session, forged, "stop").then().statusCode(403).body("error.type", equalTo("permission_error"));
        answer(session, token, "stop").then().statusCode(200);
        answer(session, token, "stop").then().statusCode(409);

        // then: every router will block the session, and the answer is on the audit trail
        var block = decisionFor(session, Decision.Action.BLOCK);
        assertThat(block.message()).contains("stopped");
        var trail = KafkaBrokerResource.broker().readMatching(Topics.CONFIRMATIONS, Confirmation.class,
                c -> c.sessionId().equals(session), Duration.ofSeconds(10));
        assertThat(trail).extracting(r -> r.value().kind()).containsExactly(Confirmation.Kind.REQUESTED,
                Confirmation.Kind.PAUSED, Confirmation.Kind.ANSWERED);
        assertThat(trail.get(2).value().answer()).isEqualTo("stop");
        assertThat(given().when().get(Management.url("/q/metrics")).then().extract().asString())
                .containsPattern("switchboard_breaker_notifications_total\\{result=\"sent\"} [12].0")
                .containsPattern("switchboard_breaker_sessions [1-9]");
    }

    @Test
    void anAdminCanAnswerForTheOwner() throws Exception {
        var session = "sess-" + UUID.randomUUID();
        publishWork(session, Instant.now().minus(Duration.ofHours(2)), 13);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN_KEY)
                .queryParam("state", "pending").when().get("/v1/sessions")
                .then().body("sessions.sessionId", hasItem(session)));

        given().auth().oauth2(ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("answer", "continue", "extraHours", 4))
                .when().post("/v1/sessions/" + session + "/answer")
                .then().statusCode(200);

        assertThat(decisionFor(session, Decision.Action.ALLOW).refuses(Instant.now())).isFalse();
    }

    private static Response answer(String session, String token, String answer) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token, "answer", answer))
                .when().post("/v1/sessions/" + session + "/answer");
    }

    private static Decision decisionFor(String session, Decision.Action action) {
        var found = KafkaBrokerResource.broker().readMatching(Topics.DECISIONS, Decision.class,
                d -> d.subject().equals(Decision.session(session)) && d.action() == action, Duration.ofSeconds(20));
        assertThat(found).as("%s decision for %s", action, session).isNotEmpty();
        return found.get(0).value();
    }

    /** {@code count} requests ten minutes apart from {@code from}, 200 tokens each. */
    private static void publishWork(String session, Instant from, int count) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.broker().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                var event = new UsageEvent(UUID.randomUUID(), from.plusSeconds(600L * i), UsageEvent.SCHEMA_VERSION,
                        UUID.randomUUID().toString(), "bob", "search", "key-bob", session,
                        new ClientInfo("claude-code", "2.0.14"), "", UsageEvent.Api.OPENAI_CHAT, "gpt-4o", "gpt-4o",
                        "openai", List.of(), true, UsageEvent.Outcome.OK, 200, new Tokens(150, 0, 0, 50, 0), 900,
                        "v1", 100, 50, false, UUID.randomUUID().toString(), 0);
                producer.send(new ProducerRecord<>(Topics.USAGE, "bob", EventJson.write(event))).get();
            }
        }
    }
}
