package io.switchboard.router.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.StopReason;
import io.switchboard.router.translate.StreamEvent;
import io.switchboard.router.translate.StreamEvent.BlockStarted;
import io.switchboard.router.translate.StreamEvent.BlockStopped;
import io.switchboard.router.translate.StreamEvent.Delta;
import io.switchboard.router.translate.StreamEvent.Finished;
import io.switchboard.router.translate.StreamEvent.Started;
import io.switchboard.router.translate.WireException;

class MessagesStreamTest {

    private static final String SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds3MePYqIwmVgL9jVpbyKsr"
            + "BeMjW/K6jkw5s0NIYaX3NjWsW3A5QK6NZrP2bYR5g0kPfHk9sJBnYX1HzThD1Bdd0=";

    private final ObjectMapper json = new ObjectMapper();
    private final MessagesCodec codec = new MessagesCodec(json);

    @Test
    void aStreamWithThinkingTextAndToolCalls() {
        // when
        var events = WireFixtures.decode(codec.streamDecoder(), WireFixtures.text("stream-tools.sse"));

        // then
        assertThat(events.get(0)).isEqualTo(new Started("msg_014p7gG3wDgGV9EUtLvnow3U", "claude-sonnet-4-5-20250929",
                new Tokens(472 + 1200 + 2048, 2048, 1200, 2, 0)));
        assertThat(events).filteredOn(BlockStarted.class::isInstance).containsExactly(
                new BlockStarted(0, new Part.Reasoning("", null, "anthropic.messages")),
                new BlockStarted(1, new Part.Text("")),
                new BlockStarted(2, new Part.ToolCall("toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather", "")),
                new BlockStarted(3, new Part.ToolCall("toolu_01QkTbCN6QNxbNEyNyGJPd4n", "get_time", "")));
        assertThat(text(events, 0)).isEqualTo(
                "The user wants the weather in San Francisco. I should call get_weather with the location.");
        assertThat(text(events, 2)).isEqualTo("{\"location\": \"San Francisco, CA\", \"unit\": \"celsius\"}");
        assertThat(events).filteredOn(BlockStopped.class::isInstance).containsExactly(
                new BlockStopped(0, SIGNATURE), new BlockStopped(1, null), new BlockStopped(2, null),
                new BlockStopped(3, null));
        assertThat(events.get(events.size() - 1))
                .isEqualTo(new Finished(StopReason.TOOL_USE, new Tokens(472 + 1200 + 2048, 2048, 1200, 136, 0)));
    }

    @Test
    void aTextStream() {
        var events = WireFixtures.decode(codec.streamDecoder(), WireFixtures.text("stream-text.sse"));

        assertThat(text(events, 0)).isEqualTo("Hello! I'm Claude. How can I help you today?");
        assertThat(events.get(events.size() - 1)).isEqualTo(new Finished(StopReason.END, new Tokens(12, 0, 0, 15, 0)));
    }

    @Test
    void anErrorEventOrACutStreamIsAWireError() {
        var overloaded = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":"
                + "{\"input_tokens\":1,\"output_tokens\":1}}}\n\nevent: error\ndata: {\"type\":\"error\",\"error\":"
                + "{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
        var cut = WireFixtures.text("stream-text.sse").split("event: message_delta")[0];

        assertThatThrownBy(() -> WireFixtures.decode(codec.streamDecoder(), overloaded))
                .isInstanceOf(WireException.class).hasMessageContaining("overloaded_error");
        assertThatThrownBy(() -> WireFixtures.decode(codec.streamDecoder(), cut))
                .isInstanceOf(WireException.class).hasMessageContaining("before message_stop");
        assertThatThrownBy(() -> codec.streamDecoder().decode(null, "data: [DONE]", e -> {
        })).isInstanceOf(WireException.class);
    }

    @Test
    void aToolCallWithoutArgumentsStillHasAnObject() {
        var stream = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":{}}}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"now\",\"input\":{}}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                + "{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}\n\n"
                + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

        assertThat(text(WireFixtures.decode(codec.streamDecoder(), stream), 0)).isEqualTo("{}");
    }

    @Test
    void whatTheEncoderWritesTheDecoderReadsBack() {
        // given: Anthropic's own stream, decoded
        var request = codec.decodeRequest(WireFixtures.bytes("request-tools.json"));
        var events = WireFixtures.decode(codec.streamDecoder(), WireFixtures.text("stream-tools.sse"));

        // when: written for an Anthropic client
        var written = encode(codec.streamEncoder(request, "my-claude"), events);

        // then: the same events come back, and the client sees its own model name
        var sse = WireFixtures.events(written);
        assertThat(sse.get(0).event()).isEqualTo("message_start");
        assertThat(sse.get(0).data()).contains("\"model\":\"my-claude\"");
        assertThat(sse).extracting(WireFixtures.Sse::event).endsWith("message_delta", "message_stop");
        var again = WireFixtures.decode(codec.streamDecoder(), written);
        assertThat(again.subList(1, again.size())).isEqualTo(events.subList(1, events.size()));
        assertThat(((Started) again.get(0)).usage()).isEqualTo(((Started) events.get(0)).usage());
    }

    @Test
    void anotherProvidersReasoningIsNotWrittenAndFreeformCallsBecomeJson() throws Exception {
        // given: an OpenAI upstream's stream: reasoning, then a call of a free-form tool
        var request = new Conversation(List.of(), List.of(), List.of(new Conversation.ToolSpec("apply_patch", null,
                null, true)), null, null, null, null, null, List.of(), null, null, true, false, List.of());
        var events = List.<StreamEvent>of(new Started("resp_1", "gpt-5", Tokens.NONE),
                new BlockStarted(0, new Part.Reasoning("", null, "openai.responses")),
                new Delta(0, "Considering the patch"), new BlockStopped(0, "gAAAA-encrypted"),
                new BlockStarted(1, new Part.ToolCall("call_1", "apply_patch", "")),
                new Delta(1, "*** Begin \"x\"\n"), new BlockStopped(1, null),
                new Finished(StopReason.TOOL_USE, new Tokens(100, 40, 0, 20, 10)));

        // when
        var written = encode(codec.streamEncoder(request, "claude-via-openai"), events);

        // then
        assertThat(written).doesNotContain("Considering").doesNotContain("gAAAA").contains("event: ping");
        var again = WireFixtures.decode(codec.streamDecoder(), written);
        assertThat(again.get(1)).isEqualTo(new BlockStarted(0, new Part.ToolCall("call_1", "apply_patch", "")));
        assertThat(json.readTree(text(again, 0)).path("input").asText()).isEqualTo("*** Begin \"x\"\n");
        assertThat(again.get(again.size() - 1)).isEqualTo(new Finished(StopReason.TOOL_USE,
                new Tokens(100, 40, 0, 20, 0)));
    }

    @Test
    void redactedThinkingStreamsBackAsItCame() {
        // given: Anthropic's encrypted thinking, relayed to an Anthropic client through another hop
        var data = "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIw";
        var redacted = new Part.Reasoning("", MessagesWire.REDACTED + data, "anthropic.messages");
        var events = List.<StreamEvent>of(new Started("msg_1", "claude", Tokens.NONE), new BlockStarted(0, redacted),
                new BlockStopped(0, redacted.signature()), new Finished(StopReason.END, Tokens.NONE));

        // when
        var written = encode(codec.streamEncoder(null, "claude"), events);

        // then
        assertThat(written).contains("{\"type\":\"redacted_thinking\",\"data\":\"" + data + "\"}");
        assertThat(WireFixtures.decode(codec.streamDecoder(), written)).isEqualTo(events);
    }

    private static String encode(io.switchboard.router.translate.StreamEncoder encoder, List<StreamEvent> events) {
        var out = new StringBuilder();
        for (var event : events) {
            out.append(encoder.encode(event).toString(StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static String text(List<StreamEvent> events, int index) {
        var out = new StringBuilder();
        for (var event : events) {
            if (event instanceof Delta delta && delta.index() == index) {
                out.append(delta.text());
            }
        }
        return out.toString();
    }
}
