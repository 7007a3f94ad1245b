package io.switchboard.router.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.events.StudentRoute;
import io.switchboard.router.translate.Part;

/** How a student's and a teacher's answers are compared in shadow evaluation. */
class ShadowComparisonTest {

    @Test
    void theSameCallEncodedByTwoApisComparesEqual() {
        // given: one tool call as a chat answer writes it, and as a translated one gives it back
        var asWritten = List.<Part>of(new Part.Text("Looking it up. "),
                new Part.ToolCall("call_1", "lookup", "{\"order\": \"A-17\", \"fields\": [\"status\", \"eta\"]}"));
        var reEncoded = List.<Part>of(new Part.Text("Looking it up."),
                new Part.ToolCall("toolu_9", "lookup", "{\"fields\":[\"status\",\"eta\"],\"order\":\"A-17\"}"));

        // then
        assertThat(ShadowComparison.comparable(asWritten)).isEqualTo(ShadowComparison.comparable(reEncoded));
    }

    @Test
    void anotherAnswerAnotherArgumentOrArgumentsThatAreNoJsonDiffer() {
        var billing = List.<Part>of(new Part.Text("billing"));

        assertThat(ShadowComparison.comparable(billing)).isEqualTo("billing")
                .isNotEqualTo(ShadowComparison.comparable(List.of(new Part.Text("refund"))));
        var a17 = List.<Part>of(new Part.ToolCall("a", "lookup", "{\"order\": \"A-17\"}"));
        var a18 = List.<Part>of(new Part.ToolCall("b", "lookup", "{\"order\": \"A-18\"}"));
        assertThat(ShadowComparison.comparable(a17)).isNotEqualTo(ShadowComparison.comparable(a18));
        assertThat(ShadowComparison.comparable(List.of(new Part.ToolCall("a", "lookup", "not json"))))
                .isEqualTo("lookup(not json)");
    }

    @Test
    void aRouteComparesAsTheJobsEvalDid() {
        var whole = ShadowComparison.of(route(null, null, null));
        var fields = ShadowComparison.of(route(List.of("priority"), null, null));
        var pattern = ShadowComparison.of(route(null, "category: (\\w+)", null));
        var toolCalls = ShadowComparison.of(route(null, null, true));
        var json = List.<Part>of(new Part.Text("{\"priority\": \"high\", \"reason\": \"locked out\"}"));
        var fenced = List.<Part>of(new Part.Text("```json\n{\"reason\": \"no login\", \"priority\": \"high\"}\n```"));
        var lookup = List.<Part>of(new Part.Text("Let me look."),
                new Part.ToolCall("call_1", "lookup", "{\"order\": \"A-17\", \"full\": true}"));
        var lookedUp = List.<Part>of(new Part.ToolCall("toolu_2", "lookup", "{\"full\":true,\"order\":\"A-17\"}"));

        assertThat(whole.agree(json, fenced)).isFalse();
        assertThat(fields.agree(json, fenced)).isTrue();
        assertThat(pattern.agree(List.of(new Part.Text("The category: billing.")),
                List.of(new Part.Text("category: billing")))).isTrue();
        assertThat(pattern.agree(List.of(new Part.Text("category: billing")), List.of(new Part.Text("no idea"))))
                .isFalse();
        assertThat(whole.agree(lookup, lookedUp)).as("the text differs").isFalse();
        assertThat(toolCalls.agree(lookup, lookedUp)).as("the calls are the same").isTrue();
        assertThat(toolCalls.agree(json, json)).as("no calls").isFalse();
        // and: a student trained on calls written as text answers with that text, as the evaluation read it
        String calls = "[{\"name\":\"lookup\",\"arguments\":{\"order\":\"A-17\",\"full\":true}}]";
        var written = List.<Part>of(new Part.Text(calls));
        assertThat(ShadowComparison.asEvaluated(lookup)).isEqualTo(calls);
        assertThat(toolCalls.agree(written, lookup)).isTrue();
        var order = ShadowComparison.of(route(null, "\"order\":\"([A-Z0-9-]+)\"", null));
        assertThat(order.agree(written, lookedUp)).as("a pattern on the written calls").isTrue();
    }

    private static StudentRoute route(List<String> fields, String pattern, Boolean toolCalls) {
        return new StudentRoute("ml/tickets", "gpt-4o", "support-triage", "tickets-student", "http://student/v1", 1,
                1, Instant.parse("2026-12-07T10:00:00Z"), null, 100, fields, pattern, toolCalls);
    }
}
