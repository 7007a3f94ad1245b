package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The rules that the operator's evals and the router's shadow evaluation share. */
class AnswerTextTest {

    @Test
    void aPatternComparesItsFirstGroupOrItsWholeMatch() {
        var group = Pattern.compile("category: (\\w+)");
        var whole = Pattern.compile("\\d+");

        assertThat(AnswerText.sameMatch(group, "The category: billing, I think", "category: billing")).isTrue();
        assertThat(AnswerText.sameMatch(group, "category: billing", "category: shipping")).isFalse();
        assertThat(AnswerText.sameMatch(group, "no category", "no category")).as("found in neither").isFalse();
        assertThat(AnswerText.sameMatch(whole, "order 42", "42 it is")).isTrue();
    }

    @Test
    void toolCallsAreTheSameInAnyOrderWithArgumentsEqualAsJson() {
        var lookup = AnswerText.ToolCall.of("lookup", "{\"id\": 7, \"full\": true}");
        var notify = AnswerText.ToolCall.of("notify", "");

        assertThat(AnswerText.sameCalls(List.of(lookup, notify),
                List.of(AnswerText.ToolCall.of("notify", "{}"), AnswerText.ToolCall.of("lookup",
                        "{\"full\":true,\"id\":7.0}"))))
                .isTrue();
        assertThat(AnswerText.sameCalls(List.of(lookup), List.of(lookup, notify))).isFalse();
        assertThat(AnswerText.sameCalls(List.of(lookup), List.of(AnswerText.ToolCall.of("lookup", "{\"id\":8}"))))
                .isFalse();
        assertThat(AnswerText.sameCalls(List.of(), List.of())).as("no calls at all").isFalse();
        var openAi = "```json\n{\"function\":{\"name\":\"lookup\","
                + "\"arguments\":\"{\\\"full\\\":true,\\\"id\\\":7}\"}}\n```";
        assertThat(AnswerText.sameToolCalls("[{\"name\":\"lookup\",\"arguments\":{\"id\":7,\"full\":true}}]", openAi))
                .isTrue();
        assertThat(AnswerText.sameToolCalls("lookup it is", "lookup it is")).as("not tool-call answers").isFalse();
        assertThat(AnswerText.written(List.of(lookup, notify)))
                .isEqualTo("[{\"name\":\"lookup\",\"arguments\":{\"id\":7,\"full\":true}},"
                        + "{\"name\":\"notify\",\"arguments\":{}}]");
        assertThat(AnswerText.toolCalls(AnswerText.written(List.of(lookup, notify))))
                .hasValue(List.of(lookup, notify));
    }
}
