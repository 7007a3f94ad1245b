package io.switchboard.router.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.router.translate.Part;

/** How a student's and a teacher's answers are compared in shadow evaluation. */
class ShadowCallTest {

    @Test
    void theSameCallEncodedByTwoApisComparesEqual() {
        // given: one tool call as a chat answer writes it, and as a translated one gives it back
        var asWritten = List.<Part>of(new Part.Text("Looking it up. "),
                new Part.ToolCall("call_1", "lookup", "{\"order\": \"A-17\", \"fields\": [\"status\", \"eta\"]}"));
        var reEncoded = List.<Part>of(new Part.Text("Looking it up."),
                new Part.ToolCall("toolu_9", "lookup", "{\"fields\":[\"status\",\"eta\"],\"order\":\"A-17\"}"));

        // then
        assertThat(ShadowCall.comparable(asWritten)).isEqualTo(ShadowCall.comparable(reEncoded));
    }

    @Test
    void anotherAnswerAnotherArgumentOrArgumentsThatAreNoJsonDiffer() {
        var billing = List.<Part>of(new Part.Text("billing"));

        assertThat(ShadowCall.comparable(billing)).isEqualTo("billing")
                .isNotEqualTo(ShadowCall.comparable(List.of(new Part.Text("refund"))));
        assertThat(ShadowCall.comparable(List.of(new Part.ToolCall("a", "lookup", "{\"order\": \"A-17\"}"))))
                .isNotEqualTo(
                        ShadowCall.comparable(List.of(new Part.ToolCall("b", "lookup", "{\"order\": \"A-18\"}"))));
        assertThat(ShadowCall.comparable(List.of(new Part.ToolCall("a", "lookup", "not json"))))
                .isEqualTo("lookup(not json)");
    }
}
