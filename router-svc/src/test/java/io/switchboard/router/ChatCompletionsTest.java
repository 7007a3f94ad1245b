package io.switchboard.router;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.switchboard.events.Attempt;
import io.switchboard.events.Decision;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.testing.FakeOpenAi.Reply;
import io.switchboard.testing.Management;

/** The OpenAI chat-completions path through a real router, with fake upstreams over HTTP and a real Kafka broker. */
@QuarkusTest
@WithTestResource(RouterTestResource.class)
class ChatCompletionsTest {

    private static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]%s}";

    @BeforeEach
    void resetUpstreams() {
        RouterTestResource.primary.reset();
        RouterTestResource.backup.reset();
    }

    @Test
    void aCompletionIsRelayedAndMeteredOnce() {
        // given
        RouterTestResource.primary.otherwise(Reply.ok("Hello there.", 1000, 200));

        // when
        var requestId = given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .header("user-agent", "claude-cli/2.0.14 (external, cli)")
                .header("x-claude-code-session-id", "sess-42")
                .body(CHAT.formatted("gpt-4o", ""))
                .when().post("/v1/chat/completions")
                .then().statusCode(200)
                .header("x-switchboard-provider", "primary")
                .header("x-switchboard-model", "gpt-4o")
                .body("choices[0].message.content", equalTo("Hello there."))
                .extract().header("x-switchboard-request-id");

        // then: the upstream got the body as sent
        var forwarded = RouterTestResource.primary.received().get(0);
        assertThat(forwarded.body()).isEqualTo(CHAT.formatted("gpt-4o", ""));
        assertThat(forwarded.headers()).doesNotContainValue("Bearer " + RouterTestResource.KEY);

        // and one usage event says who used what, at what cost: 1000 * $2.50/M + 200 * $10/M = $0.0045
        var event = usageEventOf(requestId);
        assertThat(event.userId()).isEqualTo("alice");
        assertThat(event.teamId()).isEqualTo("payments");
        assertThat(event.keyId()).isEqualTo("alice-key");
        assertThat(event.client().name()).isEqualTo("claude-code");
        assertThat(event.client().version()).isEqualTo("2.0.14");
        assertThat(event.sessionId()).isEqualTo("sess-42");
        assertThat(event.tokens().input()).isEqualTo(1000);
        assertThat(event.tokens().output()).isEqualTo(200);
        assertThat(event.costMicros()).isEqualTo(4500);
        assertThat(event.priceVersion()).isEqualTo("test-2026-11");
        assertThat(event.outcome()).isEqualTo(UsageEvent.Outcome.OK);
        assertThat(event.attempts()).extracting(Attempt::outcome).containsExactly(Attempt.Outcome.OK);
    }

    @Test
    void aFailingFirstChoiceIsInvisibleToTheClient() {
        // given
        RouterTestResource.primary.otherwise(Reply.error(500));
        RouterTestResource.backup.otherwise(Reply.ok("From the backup.", 100, 10));

        // when
        var requestId = given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted("gpt-4o", ""))
                .when().post("/v1/chat/completions")
                .then().statusCode(200)
                .header("x-switchboard-provider", "backup")
                .header("x-switchboard-model", "gpt-4o-mini")
                .body("choices[0].message.content", equalTo("From the backup."))
                .extract().header("x-switchboard-request-id");

        // then: the backup was asked for its own model, and the cost is the backup's price
        assertThat(RouterTestResource.backup.received().get(0).json().path("model").asText())
                .isEqualTo("gpt-4o-mini");
        var event = usageEventOf(requestId);
        assertThat(event.modelServed()).isEqualTo("gpt-4o-mini");
        assertThat(event.attempts()).extracting(Attempt::provider, Attempt::outcome, Attempt::status).containsExactly(
                tuple("primary", Attempt.Outcome.SERVER_ERROR, 500),
                tuple("backup", Attempt.Outcome.OK, 200));
        // 100 * $0.15/M + 10 * $0.60/M = 15 + 6 micro-USD
        assertThat(event.costMicros()).isEqualTo(21);
    }

    @Test
    void aHangingFirstChoiceTimesOutIntoTheNext() {
        RouterTestResource.primary.otherwise(Reply.hang());

        long started = System.nanoTime();
        var requestId = given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted("gpt-4o", ",\"stream\":true"))
                .when().post("/v1/chat/completions")
                .then().statusCode(200)
                .header("x-switchboard-provider", "backup")
                .extract().header("x-switchboard-request-id");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(millis).as("the configured first-byte timeout is 1 s").isBetween(1000L, 5000L);
        assertThat(usageEventOf(requestId).attempts()).extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.TIMEOUT, Attempt.Outcome.OK);
    }

    @Test
    void anUnreachableFirstChoiceIsPassedOver() {
        var requestId = given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted("behind-a-closed-port", ""))
                .when().post("/v1/chat/completions")
                .then().statusCode(200)
                .header("x-switchboard-provider", "backup")
                .extract().header("x-switchboard-request-id");

        assertThat(usageEventOf(requestId).attempts()).extracting(Attempt::provider, Attempt::outcome)
                .containsExactly(tuple("refused", Attempt.Outcome.CONNECT_ERROR), tuple("backup", Attempt.Outcome.OK));
    }

    @Test
    void aStreamIsRelayedWithItsUsageReadOnTheSide() {
        RouterTestResource.primary.otherwise(Reply.ok("one two three", 40, 3));

        var response = given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted("gpt-4o", ",\"stream\":true"))
                .when().post("/v1/chat/completions")
                .then().statusCode(200)
                .contentType(startsWith("text/event-stream"))
                .extract();

        // the router asked for usage on the client's behalf and kept that extra chunk from the client
        assertThat(RouterTestResource.primary.received().get(0).json().path("stream_options")
                .path("include_usage").asBoolean()).isTrue();
        var body = response.asString();
        assertThat(body).contains("\"content\":\"one \"", "\"content\":\"three\"").endsWith("data: [DONE]\n\n");
        assertThat(body).doesNotContain("\"usage\"");
        var event = usageEventOf(response.header("x-switchboard-request-id"));
        assertThat(event.streaming()).isTrue();
        assertThat(event.tokens().input()).isEqualTo(40);
        assertThat(event.tokens().output()).isEqualTo(3);
    }

    @Test
    void aClientThatLeavesCancelsTheUpstreamCallAtOnce() throws Exception {
        // given: an answer that would take five seconds
        RouterTestResource.primary.otherwise(Reply.slowStream(100, Duration.ofMillis(50)));
        var body = CHAT.formatted("gpt-4o", ",\"stream\":true").getBytes(StandardCharsets.UTF_8);
        String requestId = null;

        // when: the client reads the first words and hangs up
        try (var socket = new Socket("127.0.0.1", RestAssured.port)) {
            var out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + RouterTestResource.KEY + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (var line = in.readLine(); line != null && !line.startsWith("data:"); line = in.readLine()) {
                if (line.toLowerCase().startsWith("x-switchboard-request-id:")) {
                    requestId = line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }

        // then: the upstream call is dropped at once, and the request is metered as cancelled
        await().atMost(Duration.ofSeconds(2)).until(() -> RouterTestResource.primary.disconnects() == 1);
        var event = usageEventOf(requestId);
        assertThat(event.outcome()).isEqualTo(UsageEvent.Outcome.CANCELLED);
        assertThat(event.httpStatus()).isEqualTo(499);
        assertThat(RouterTestResource.backup.received()).isEmpty();
    }

    @Test
    void aClientThatAsksForStreamedUsageGetsIt() {
        RouterTestResource.primary.otherwise(Reply.ok("one two", 40, 2));

        var body = given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted("gpt-4o", ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"))
                .when().post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();

        assertThat(body).contains("\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":2");
    }

    @Test
    void whenEveryChoiceFailsTheClientGetsAnOpenAiError() {
        RouterTestResource.primary.otherwise(Reply.error(503));

        var requestId = given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted("primary-only", ""))
                .when().post("/v1/chat/completions")
                .then().statusCode(502)
                .body("error.type", equalTo("server_error"))
                .body("error.code", equalTo("upstream_unavailable"))
                .extract().path("error.message").toString();

        assertThat(requestId).contains("primary-only");
    }

    @Test
    void anUpstreamRefusalCausedByTheClientIsRelayedNotRetried() {
        RouterTestResource.primary.otherwise(Reply.error(400));

        given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted("gpt-4o", ""))
                .when().post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.message", equalTo("fake upstream failure"));

        assertThat(RouterTestResource.backup.received()).isEmpty();
    }

    @Test
    void theSimulatedProviderAnswersDeterministically() {
        String first = given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted("sim-model", ""))
                .when().post("/v1/chat/completions")
                .then().statusCode(200)
                .body("model", equalTo("simulated:sim-small"))
                .body("system_fingerprint", equalTo("switchboard-simulated"))
                .extract().path("choices[0].message.content");
        String again = given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted("sim-model", ",\"stream\":true"))
                .when().post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();

        assertThat(first).isNotBlank();
        var streamed = new StringBuilder();
        for (var line : again.split("\n")) {
            var marker = "\"content\":\"";
            int at = line.indexOf(marker);
            if (at >= 0) {
                streamed.append(line, at + marker.length(), line.indexOf('"', at + marker.length()));
            }
        }
        assertThat(streamed.toString()).isEqualTo(first);
    }

    @Test
    void theSimulatedTeacherLabelsATicketInOneWord() {
        // given: a model served by a simulated provider with the ticket task
        var ticket = "{\"model\":\"ticket-teacher\",\"messages\":[{\"role\":\"system\",\"content\":\"Classify "
                + "the ticket.\"},{\"role\":\"user\",\"content\":\"my parcel has not arrived, tracking shows "
                + "nothing\"}]%s}";

        // when: it is asked, whole and streamed
        String label = given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body(ticket.formatted(""))
                .when().post("/v1/chat/completions")
                .then().statusCode(200)
                .body("usage.completion_tokens", equalTo(1))
                .extract().path("choices[0].message.content");
        String streamed = given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body(ticket.formatted(",\"stream\":true"))
                .when().post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();

        // then: the label its words call for, in both
        assertThat(label).isEqualTo("shipping");
        assertThat(streamed).contains("\"content\":\"shipping\"").contains("data: [DONE]");
    }

    @Test
    void aStoppedSessionIsRefusedWithWordsItsOwnerSees() throws Exception {
        // given: a decision on the decisions topic blocks one session
        var session = "sess-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                RouterTestResource.broker.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            var pause = new Decision(Decision.session(session), Decision.Action.PAUSE, "runaway-session",
                    "Switchboard paused this session.", "http://breaker/confirm?token=t", Instant.now(), null);
            producer.send(new ProducerRecord<>(Topics.DECISIONS, pause.subject(), EventJson.write(pause))).get();

            // then: within two seconds its requests are refused, other sessions are served
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> given()
                    .auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON).header("x-session-id", session)
                    .body(CHAT.formatted("gpt-4o", ""))
                    .when().post("/v1/chat/completions")
                    .then().statusCode(403)
                    .body("error.type", equalTo("permission_error"))
                    .body("error.code", equalTo("paused"))
                    .body("error.message", equalTo("Switchboard paused this session. Answer at "
                            + "http://breaker/confirm?token=t")));
            given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                    .header("x-session-id", "another").body(CHAT.formatted("gpt-4o", ""))
                    .when().post("/v1/chat/completions").then().statusCode(200);

            // when: the decision is cleared (a tombstone), the session is served again
            producer.send(new ProducerRecord<>(Topics.DECISIONS, pause.subject(), null)).get();
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> given().auth().oauth2(RouterTestResource.KEY)
                    .contentType(ContentType.JSON).header("x-session-id", session).body(CHAT.formatted("gpt-4o", ""))
                    .when().post("/v1/chat/completions").then().statusCode(200));
        }
    }

    @Test
    void badRequestsGetOpenAiErrorsWithTheRightStatus() {
        given().contentType(ContentType.JSON).body(CHAT.formatted("gpt-4o", ""))
                .when().post("/v1/chat/completions")
                .then().statusCode(401).body("error.code", equalTo("invalid_api_key"));
        given().auth().oauth2("sk-unknown").contentType(ContentType.JSON).body(CHAT.formatted("gpt-4o", ""))
                .when().post("/v1/chat/completions")
                .then().statusCode(401).body("error.type", equalTo("invalid_request_error"));
        given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON).body("{\"model\":")
                .when().post("/v1/chat/completions")
                .then().statusCode(400).body("error.message", startsWith("The request body is not valid JSON"));
        given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body("{\"model\":[],\"messages\":[]}")
                .when().post("/v1/chat/completions")
                .then().statusCode(400).body("error.param", equalTo("model"));
        given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted("no-such-model", ""))
                .when().post("/v1/chat/completions")
                .then().statusCode(404).body("error.code", equalTo("model_not_found"));
        given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted("gpt-4o", ",\"pad\":\"" + "x".repeat(300_000) + "\""))
                .when().post("/v1/chat/completions")
                .then().statusCode(413).body("error.code", equalTo("request_too_large"));
        given().auth().oauth2(RouterTestResource.KEY)
                .when().get("/v1/chat/completions")
                .then().statusCode(404).body("error.code", equalTo("unknown_url"));
        assertThat(RouterTestResource.primary.received()).isEmpty();
    }

    @Test
    void prometheusSeesRequestsAndFailovers() {
        RouterTestResource.primary.otherwise(Reply.error(429));
        given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body(CHAT.formatted("gpt-4o", ""))
                .when().post("/v1/chat/completions").then().statusCode(200);

        var metrics = given().when().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();

        assertThat(metrics).containsPattern(
                "switchboard_router_failovers_total\\{.*model=\"gpt-4o\".*provider=\"primary\".*reason=\"rate_limited\"");
        assertThat(metrics).containsPattern(
                "switchboard_router_requests_total\\{model=\"gpt-4o\",outcome=\"ok\",provider=\"backup\"}");
        assertThat(metrics).contains("gen_ai_client_operation_duration_seconds_bucket");
    }

    private static UsageEvent usageEventOf(String requestId) {
        var matching = RouterTestResource.broker.readMatching(Topics.USAGE, UsageEvent.class,
                event -> event.requestId().equals(requestId), Duration.ofSeconds(10));
        assertThat(matching).as("usage events of request %s", requestId).hasSize(1);
        assertThat(matching.get(0).key()).isEqualTo(matching.get(0).value().userId());
        return matching.get(0).value();
    }
}
