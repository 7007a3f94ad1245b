package io.switchboard.router;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.Topics;
import io.switchboard.events.Trace;
import io.switchboard.events.UsageEvent;
import io.switchboard.testing.FakeOpenAi.Reply;
import io.switchboard.testing.Management;

/**
 * Traffic capture through a real router: the routing file opts the workload {@code support-triage} in with every
 * built-in redaction and a pattern of its own; traces are read back from the real broker's traces topic.
 */
@QuarkusTest
@WithTestResource(RouterTestResource.class)
class TrafficCaptureTest {

    private static final String CAPTURED = "support-triage";
    private static final String PROMPT = "I am dana@example.com, card 4111 1111 1111 1111, key sk-abcdefghijklmnop1234, "
            + "about ACME-QX.";
    private static final String ANSWER = "Write to carol@example.com about ACME-ZZ.";

    @BeforeEach
    void resetUpstreams() {
        RouterTestResource.primary.reset();
        RouterTestResource.backup.reset();
    }

    @Test
    void anOptedInWorkloadsExchangeIsCapturedRedacted() {
        // given
        RouterTestResource.primary.otherwise(Reply.ok(ANSWER, 30, 9));

        // when
        var requestId = chat("gpt-4o", CAPTURED, false);

        // then: one trace, keyed by the workload, with nothing of what the rules match left in it
        var trace = traceOf(requestId);
        assertThat(trace.workload()).isEqualTo(CAPTURED);
        assertThat(trace.servedBy()).isEqualTo(Trace.TEACHER);
        assertThat(trace.api()).isEqualTo(UsageEvent.Api.OPENAI_CHAT);
        assertThat(trace.modelRequested()).isEqualTo("gpt-4o");
        assertThat(trace.provider()).isEqualTo("primary");
        assertThat(trace.tokens().input()).isEqualTo(30);
        assertThat(trace.streaming()).isFalse();
        var redactedPrompt = "I am [email], card [number], key [key], about [ticket].";
        assertThat(trace.messages()).containsExactly(new Trace.Turn("user", redactedPrompt));
        assertThat(trace.request().path("messages").get(0).path("content").asText()).isEqualTo(redactedPrompt);
        assertThat(trace.request().path("model").asText()).isEqualTo("gpt-4o");
        assertThat(trace.answerText()).isEqualTo("Write to [email] about [ticket].");
        assertThat(trace.answer().path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("Write to [email] about [ticket].");
        assertThat(trace.answer().path("usage").path("prompt_tokens").asInt()).isEqualTo(30);
        assertThat(Duration.between(trace.time(), trace.expiresAt())).isEqualTo(Duration.ofDays(14));
        assertThat(trace.toString()).doesNotContain("dana@", "4111", "sk-abc", "ACME", "carol@");
    }

    @Test
    void aStreamedAnswerIsCapturedAsItsText() {
        RouterTestResource.primary.otherwise(Reply.ok(ANSWER, 30, 9));

        var requestId = chat("gpt-4o", CAPTURED, true);

        var trace = traceOf(requestId);
        assertThat(trace.streaming()).isTrue();
        assertThat(trace.answer()).isNull();
        assertThat(trace.answerText()).isEqualTo("Write to [email] about [ticket].");
        assertThat(trace.request().path("stream").asBoolean()).isTrue();
    }

    @Test
    void anAnswerOfAnotherModelIsMarkedAsAFallback() {
        // retired-model's requests are served by its successor, sim-model
        var requestId = chat("retired-model", CAPTURED, false);

        var trace = traceOf(requestId);
        assertThat(trace.servedBy()).isEqualTo(Trace.FALLBACK);
        assertThat(trace.modelRequested()).isEqualTo("retired-model");
        assertThat(trace.answerText()).isNotEmpty();
    }

    @Test
    void aModelAskedForByAnAliasIsNamedByItsName() {
        var requestId = chat("sim-alias", CAPTURED, false);

        var trace = traceOf(requestId);
        assertThat(trace.modelRequested()).isEqualTo("sim-model");
        assertThat(trace.servedBy()).isEqualTo(Trace.TEACHER);
    }

    @Test
    void otherWorkloadsAndOversizedExchangesAreNeverCaptured() {
        // given
        RouterTestResource.primary.otherwise(Reply.ok(ANSWER, 30, 9));
        var before = tooLarge();

        // when: a workload that did not opt in, no workload at all, and an exchange over the 4 KiB cap
        var otherWorkload = chat("gpt-4o", "code-review", false);
        var noWorkload = chat("gpt-4o", null, false);
        var oversized = given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .header("x-switchboard-workload", CAPTURED)
                .body(body("gpt-4o", "x".repeat(5000), false))
                .when().post("/v1/chat/completions")
                .then().statusCode(200).extract().header("x-switchboard-request-id");
        var captured = chat("gpt-4o", CAPTURED, false);

        // then: the one captured request's trace arrives, and none of the others has any
        traceOf(captured);
        var others = RouterTestResource.broker.readMatching(Topics.TRACES, Trace.class,
                trace -> trace.requestId().equals(otherWorkload) || trace.requestId().equals(noWorkload)
                        || trace.requestId().equals(oversized),
                Duration.ofSeconds(2));
        assertThat(others).isEmpty();
        assertThat(tooLarge()).isEqualTo(before + 1);
    }

    private static String chat(String model, String workload, boolean stream) {
        var request = given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON);
        if (workload != null) {
            request.header("x-switchboard-workload", workload);
        }
        return request.body(body(model, PROMPT, stream))
                .when().post("/v1/chat/completions")
                .then().statusCode(200).extract().header("x-switchboard-request-id");
    }

    private static String body(String model, String content, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + content + "\"}]}";
    }

    private static Trace traceOf(String requestId) {
        var matching = RouterTestResource.broker.readMatching(Topics.TRACES, Trace.class,
                trace -> trace.requestId().equals(requestId), Duration.ofSeconds(10));
        assertThat(matching).as("traces of request %s", requestId).hasSize(1);
        assertThat(matching.get(0).key()).isEqualTo(matching.get(0).value().workload());
        return matching.get(0).value();
    }

    private static double tooLarge() {
        var metrics = given().when().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        var line = Pattern.compile("^switchboard_router_capture_exchanges_total\\{result=\"too_large\","
                + "workload=\"" + CAPTURED + "\"} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
