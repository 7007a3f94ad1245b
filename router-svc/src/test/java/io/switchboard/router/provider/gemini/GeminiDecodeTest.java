package io.switchboard.router.provider.gemini;

import static io.switchboard.router.provider.gemini.GeminiFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

import org.junit.jupiter.api.Test;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.StopReason;
import io.switchboard.router.translate.StreamEvent;
import io.switchboard.router.translate.StreamEvent.BlockStarted;
import io.switchboard.router.translate.StreamEvent.BlockStopped;
import io.switchboard.router.translate.StreamEvent.Delta;
import io.switchboard.router.translate.StreamEvent.Finished;
import io.switchboard.router.translate.StreamEvent.Started;
import io.switchboard.router.translate.WireException;

class GeminiDecodeTest {

    static final String ID_PATTERN = "^[a-zA-Z0-9_-]+$";

    final GeminiCodec codec = new GeminiCodec(GeminiFixtures.MAPPER);

    @Test
    void aTextReplyKeepsItsThoughtsAndCountsThemAsOutput() {
        // when
        var reply = codec.decodeReply(GeminiFixtures.bytes("reply-text.json"));

        // then
        var signature = json("reply-text.json").at("/candidates/0/content/parts/1/thoughtSignature").asText();
        assertThat(reply.id()).isEqualTo("Xh1kabzDHdSgz7IPjL6M4A0");
        assertThat(reply.model()).isEqualTo("gemini-3-flash-preview");
        assertThat(reply.content()).hasSize(3);
        assertThat(((Part.Reasoning) reply.content().get(0)).text()).startsWith("**Recalling the capital**");
        assertThat(reply.content().get(1)).isEqualTo(new Part.Reasoning("", signature, "gemini"));
        assertThat(reply.content().get(2)).isEqualTo(new Part.Text("The capital of France is Paris."));
        assertThat(reply.stop()).isEqualTo(StopReason.END);
        // output = candidatesTokenCount 7 + thoughtsTokenCount 68; cached tokens are part of the input
        assertThat(reply.usage()).isEqualTo(new Tokens(2114, 2035, 0, 75, 68));
    }

    @Test
    void functionCallsGetIdsThatCarryTheirThoughtSignature() {
        // when
        var reply = codec.decodeReply(GeminiFixtures.bytes("reply-tools.json"));

        // then
        var signature = json("reply-tools.json").at("/candidates/0/content/parts/0/thoughtSignature").asText();
        var paris = (Part.ToolCall) reply.content().get(0);
        var london = (Part.ToolCall) reply.content().get(1);
        assertThat(reply.stop()).isEqualTo(StopReason.TOOL_USE);
        assertThat(paris.name()).isEqualTo("get_weather");
        assertThat(json(paris.arguments().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(json("reply-tools.json").at("/candidates/0/content/parts/0/functionCall/args"));
        assertThat(paris.id()).matches(ID_PATTERN);
        assertThat(GeminiCallIds.read(paris.id()).signature()).isEqualTo(signature);
        // the second of parallel calls is unsigned, so its id stays short
        assertThat(london.id()).matches(ID_PATTERN).hasSizeLessThan(20).isNotEqualTo(paris.id());
        assertThat(GeminiCallIds.read(london.id()).signature()).isNull();
        assertThat(reply.usage()).isEqualTo(new Tokens(118, 0, 0, 182, 152));
    }

    @Test
    void aStreamedAnswerIsOneReasoningBlockThenOneTextBlockThenTheLastUsage() {
        // when
        var events = GeminiFixtures.stream(codec, "stream-text.sse");

        // then
        assertThat(events).containsExactly(
                new Started("Yh5kaaTzN5Oaz7IPvd-g0QM", "gemini-2.5-flash", new Tokens(2114, 2035, 0, 36, 36)),
                new BlockStarted(0, new Part.Reasoning("", null, "gemini")),
                new Delta(0, "**Recalling the capital**\n\nThe question asks for the capital of France."),
                new Delta(0, " That is Paris, so a short direct answer fits.\n"),
                new BlockStopped(0, null),
                new BlockStarted(1, new Part.Text("")),
                new Delta(1, "The capital of France"),
                new Delta(1, " is Paris, on the Seine in the north of the country."),
                new BlockStopped(1, null),
                new Finished(StopReason.END, new Tokens(2114, 2035, 0, 85, 68)));
    }

    @Test
    void streamedFunctionCallsAreWholeBlocksAndTheFirstCarriesTheSignature() {
        // when
        var events = GeminiFixtures.stream(codec, "stream-tools.sse");

        // then
        var signature = GeminiFixtures.sseData("stream-tools.sse").get(1);
        var first = (Part.ToolCall) ((BlockStarted) events.get(4)).block();
        var second = (Part.ToolCall) ((BlockStarted) events.get(7)).block();
        assertThat(events).hasSize(11);
        assertThat(events.get(1)).isEqualTo(new BlockStarted(0, new Part.Reasoning("", null, "gemini")));
        assertThat(events.get(3)).isEqualTo(new BlockStopped(0, null));
        assertThat(first.name()).isEqualTo("get_weather");
        assertThat(first.arguments()).isEmpty();
        assertThat(events.get(5)).isEqualTo(new Delta(1, "{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
        assertThat(events.get(6)).isEqualTo(new BlockStopped(1, null));
        assertThat(signature).contains("\"thoughtSignature\": \"" + GeminiCallIds.read(first.id()).signature() + "\"");
        assertThat(second.id()).matches(ID_PATTERN);
        assertThat(GeminiCallIds.read(second.id()).signature()).isNull();
        assertThat(events.get(10)).isEqualTo(new Finished(StopReason.TOOL_USE, new Tokens(1342, 1021, 0, 141, 111)));
    }

    @Test
    void aPromptGeminiBlocksIsAnEmptyFilteredAnswer() {
        // given
        var blocked = """
                {"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"},
                 "usageMetadata": {"promptTokenCount": 12, "totalTokenCount": 12}, "modelVersion": "gemini-2.5-flash"}""";

        // when
        var reply = codec.decodeReply(blocked.getBytes(StandardCharsets.UTF_8));
        var events = new ArrayList<StreamEvent>();
        var decoder = codec.streamDecoder();
        decoder.decode(null, blocked.replace("\n", ""), events::add);
        decoder.end(events::add);

        // then
        assertThat(reply.content()).isEmpty();
        assertThat(reply.stop()).isEqualTo(StopReason.CONTENT_FILTER);
        assertThat(reply.usage().input()).isEqualTo(12);
        assertThat(events).last().isEqualTo(new Finished(StopReason.CONTENT_FILTER, new Tokens(12, 0, 0, 0, 0)));
    }

    @Test
    void finishReasonsMapToStopReasons() {
        assertThat(GeminiReplyParts.stop("STOP", false)).isEqualTo(StopReason.END);
        assertThat(GeminiReplyParts.stop("MAX_TOKENS", false)).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(GeminiReplyParts.stop("SAFETY", true)).isEqualTo(StopReason.CONTENT_FILTER);
        assertThat(GeminiReplyParts.stop("RECITATION", false)).isEqualTo(StopReason.CONTENT_FILTER);
        assertThat(GeminiReplyParts.stop("MALFORMED_FUNCTION_CALL", false)).isEqualTo(StopReason.END);
    }

    @Test
    void errorsAndForeignBodiesAreWireErrors() {
        var error = "{\"error\": {\"code\": 429, \"message\": \"Resource exhausted\", \"status\": \"RESOURCE_EXHAUSTED\"}}";

        assertThatThrownBy(() -> codec.decodeReply(error.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireException.class).hasMessageContaining("RESOURCE_EXHAUSTED");
        assertThatThrownBy(() -> codec.decodeReply("<html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireException.class);
        assertThatThrownBy(() -> codec.decodeReply("{\"choices\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireException.class);
        assertThatThrownBy(() -> codec.streamDecoder().decode(null, error, e -> {
        })).isInstanceOf(WireException.class);
        assertThatThrownBy(() -> codec.streamDecoder().decode(null, "[DONE]", e -> {
        })).isInstanceOf(WireException.class);
    }

    @Test
    void aStreamCutBeforeItsFinishReasonIsAWireError() {
        // given: the recorded stream without its last event
        var decoder = codec.streamDecoder();
        var events = new ArrayList<StreamEvent>();
        var data = GeminiFixtures.sseData("stream-text.sse");
        for (var event : data.subList(0, data.size() - 1)) {
            decoder.decode(null, event, events::add);
        }

        // then
        assertThatThrownBy(() -> decoder.end(events::add)).isInstanceOf(WireException.class);
        assertThat(events).noneMatch(e -> e instanceof Finished);
    }
}
