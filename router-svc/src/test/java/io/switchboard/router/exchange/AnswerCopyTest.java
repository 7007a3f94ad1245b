package io.switchboard.router.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.StopReason;
import io.switchboard.router.translate.StreamEvent;

class AnswerCopyTest {

    @Test
    void aStreamedAnswerIsCopiedAsItsTextsAndToolCallsWithoutItsReasoning() {
        var copy = new AnswerCopy(1000);

        stream(copy, List.of(new StreamEvent.BlockStarted(0, new Part.Reasoning("", null, null)),
                new StreamEvent.Delta(0, "thinking"), new StreamEvent.BlockStopped(0, "sig"),
                new StreamEvent.BlockStarted(1, new Part.Text("")), new StreamEvent.Delta(1, "Looking "),
                new StreamEvent.Delta(1, "it up."), new StreamEvent.BlockStopped(1, null),
                new StreamEvent.BlockStarted(2, new Part.ToolCall("call_1", "lookup", "")),
                new StreamEvent.Delta(2, "{\"id\":"), new StreamEvent.Delta(2, "7}"),
                new StreamEvent.BlockStopped(2, null)));

        assertThat(copy.complete()).as("before the stream ended").isFalse();
        copy.streamed(new StreamEvent.Finished(StopReason.TOOL_USE, Tokens.NONE));
        assertThat(copy.complete()).isTrue();
        assertThat(copy.whole()).isNull();
        assertThat(copy.streamedAnswer()).containsExactly(new Part.Text("Looking it up."),
                new Part.ToolCall("call_1", "lookup", "{\"id\":7}"));
        assertThat(copy.streamedText()).isEqualTo("Looking it up.\nlookup({\"id\":7})");
    }

    @Test
    void aStreamLargerThanTheCopyMayHoldIsNotKeptAndAFailedAttemptIsForgotten() {
        var copy = new AnswerCopy(10);
        stream(copy, List.of(new StreamEvent.BlockStarted(0, new Part.Text("")),
                new StreamEvent.Delta(0, "twelve chars"), new StreamEvent.BlockStopped(0, null),
                new StreamEvent.Finished(StopReason.END, Tokens.NONE)));
        assertThat(copy.tooLarge()).isTrue();
        assertThat(copy.complete()).isFalse();

        copy.reset();
        stream(copy, List.of(new StreamEvent.BlockStarted(0, new Part.Text("")), new StreamEvent.Delta(0, "short"),
                new StreamEvent.Finished(StopReason.END, Tokens.NONE)));
        assertThat(copy.complete()).isTrue();
        assertThat(copy.streamedAnswer()).containsExactly(new Part.Text("short"));
    }

    private static void stream(AnswerCopy copy, List<StreamEvent> events) {
        events.forEach(copy::streamed);
    }
}
