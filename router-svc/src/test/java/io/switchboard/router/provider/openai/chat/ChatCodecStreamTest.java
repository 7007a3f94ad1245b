package io.switchboard.router.provider.openai.chat;

import static io.switchboard.router.provider.openai.chat.ChatWire.conversation;
import static io.switchboard.router.provider.openai.chat.ChatWire.dataOf;
import static io.switchboard.router.provider.openai.chat.ChatWire.decodeStream;
import static io.switchboard.router.provider.openai.chat.ChatWire.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.vertx.core.buffer.Buffer;

/** Streams: chat chunks into stream events, and stream events from any API out as chat chunks. */
class ChatCodecStreamTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ChatCodec codec = new ChatCodec(json);

    @Test
    void streamedToolCallsBecomeOneBlockEachAndTheUsageComesWithTheFinish() {
        // when
        var events = decodeStream(codec.streamDecoder(), text("stream-tools.sse"));

        // then
        var first = new StringBuilder();
        var second = new StringBuilder();
        events.stream().filter(Delta.class::isInstance).map(Delta.class::cast)
                .forEach(d -> (d.index() == 0 ? first : second).append(d.text()));
        assertThat(first).hasToString("{\"location\":\"Lyon, France\",\"unit\":\"celsius\"}");
        assertThat(second).hasToString("{\"location\":\"Marseille, France\",\"unit\":\"celsius\"}");
        assertThat(events.stream().filter(e -> !(e instanceof Delta)).toList()).containsExactly(
                new Started("chatcmpl-CQxe2Pm8cV5nRt1XwK7aDg4sJy9Qb", "gpt-4o-2024-08-06", Tokens.NONE),
                new BlockStarted(0, new Part.ToolCall("call_3fTq8ZkLw1NvYc5RmX0pBs7D", "get_weather", "")),
                new BlockStopped(0, null),
                new BlockStarted(1, new Part.ToolCall("call_Jx7Vb2QnP9sKd4WmT6yLc1Ra", "get_weather", "")),
                new BlockStopped(1, null),
                new Finished(StopReason.TOOL_USE, new Tokens(1352, 1280, 0, 58, 0)));
    }

    @Test
    void streamedTextIsOneBlock() {
        // when
        var events = decodeStream(codec.streamDecoder(), text("stream-text.sse"));

        // then
        var text = new StringBuilder();
        events.stream().filter(Delta.class::isInstance).forEach(d -> text.append(((Delta) d).text()));
        assertThat(text).hasToString(
                "The photo shows the Eiffel Tower, so it was taken in Paris. It is 14 °C with light rain there right now.");
        assertThat(events.get(1)).isEqualTo(new BlockStarted(0, new Part.Text("")));
        assertThat(events.get(events.size() - 2)).isEqualTo(new BlockStopped(0, null));
        assertThat(events.get(events.size() - 1)).isEqualTo(new Finished(StopReason.END,
                new Tokens(1283, 1024, 0, 31, 0)));
    }

    @Test
    void withoutAUsageChunkTheStreamFinishesOnDone() {
        // given: a server that ignores include_usage, with reasoning before the answer
        var decoder = codec.streamDecoder();
        var events = new ArrayList<StreamEvent>();

        // when
        decoder.decode(null, "{\"id\":\"c1\",\"model\":\"qwen3\",\"choices\":[{\"index\":0,\"delta\":"
                + "{\"role\":\"assistant\",\"reasoning_content\":\"Think.\"}}]}", events::add);
        decoder.decode(null, "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},"
                + "\"finish_reason\":\"length\"}]}", events::add);
        decoder.decode(null, "[DONE]", events::add);
        decoder.end(events::add);

        // then
        assertThat(events).containsExactly(new Started("c1", "qwen3", Tokens.NONE),
                new BlockStarted(0, new Part.Reasoning("", null, "openai.chat")), new Delta(0, "Think."),
                new BlockStopped(0, null), new BlockStarted(1, new Part.Text("")), new Delta(1, "Hi"),
                new BlockStopped(1, null), new Finished(StopReason.MAX_TOKENS, Tokens.NONE));
    }

    @Test
    void wholeCallsWithoutIndexesAndUsageOnEveryChunkAreUnderstood() {
        // given: a compatible server that sends each call whole, unindexed, and usage on every chunk
        var decoder = codec.streamDecoder();
        var events = new ArrayList<StreamEvent>();

        // when
        decoder.decode(null, "{\"id\":\"c2\",\"model\":\"gemini-2.5-flash\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"a\",\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}},{\"id\":\"b\",\"type\":\"function\","
                + "\"function\":{\"name\":\"g\",\"arguments\":\"{\\\"x\\\":1}\"}}]}}],"
                + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3}}", events::add);
        decoder.decode(null, "{\"id\":\"c2\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4}}", events::add);
        decoder.decode(null, "{\"id\":\"c2\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":5}}",
                events::add);
        decoder.end(events::add);

        // then: two calls, and the usage of the usage-only chunk
        assertThat(events).containsExactly(new Started("c2", "gemini-2.5-flash", Tokens.NONE),
                new BlockStarted(0, new Part.ToolCall("a", "f", "")), new Delta(0, "{}"), new BlockStopped(0, null),
                new BlockStarted(1, new Part.ToolCall("b", "g", "")), new Delta(1, "{\"x\":1}"),
                new BlockStopped(1, null), new Finished(StopReason.TOOL_USE, new Tokens(9, 0, 0, 5, 0)));
    }

    @Test
    void theUsageOnlyChunkIsFlaggedSoThatAPassThroughRelayCanDropIt() {
        // given: a stream whose usage comes after the finish, in a chunk without choices
        var decoder = codec.streamDecoder();
        var events = new ArrayList<StreamEvent>();

        // when / then: only the usage chunk is flagged
        decoder.decode(null, "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}",
                events::add);
        assertThat(decoder.usageOnly()).isFalse();
        decoder.decode(null, "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
                events::add);
        assertThat(decoder.usageOnly()).isFalse();
        decoder.decode(null, "{\"id\":\"c\",\"choices\": [],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1}}",
                events::add);
        assertThat(decoder.usageOnly()).isTrue();
        decoder.decode(null, "[DONE]", events::add);
        assertThat(decoder.usageOnly()).isFalse();
    }

    @Test
    void anErrorChunkGarbageOrACutStreamIsAWireError() {
        var chunk = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}";
        assertThatThrownBy(() -> codec.streamDecoder().decode(null,
                "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}", e -> {
                })).isInstanceOf(WireException.class);
        assertThatThrownBy(() -> codec.streamDecoder().decode(null, "not json", e -> {
        })).isInstanceOf(WireException.class);
        var cut = codec.streamDecoder();
        cut.decode(null, chunk, e -> {
        });
        assertThatThrownBy(() -> cut.end(e -> {
        })).isInstanceOf(WireException.class);
    }

    @Test
    void theEncoderWritesChatChunksAndUsageOnlyWhenAsked() throws Exception {
        // given: the tool stream, decoded, for a client that asked for usage
        var events = decodeStream(codec.streamDecoder(), text("stream-tools.sse"));

        // when
        var chunks = encode(events, request(true), "my-model");

        // then: one id, created and model throughout, tool indexes count calls, usage then [DONE]
        assertThat(chunks.get(chunks.size() - 1).isTextual()).isTrue();
        assertThat(chunks.get(chunks.size() - 1).asText()).isEqualTo("[DONE]");
        var objects = chunks.subList(0, chunks.size() - 1);
        assertThat(objects).extracting(c -> c.path("id").asText()).containsOnly(
                "chatcmpl-CQxe2Pm8cV5nRt1XwK7aDg4sJy9Qb");
        assertThat(objects).extracting(c -> c.path("model").asText()).containsOnly("my-model");
        assertThat(objects).extracting(c -> c.path("object").asText()).containsOnly("chat.completion.chunk");
        assertThat(objects).extracting(c -> c.path("created").asLong()).containsOnly(objects.get(0).path("created")
                .asLong());
        assertThat(objects.get(0).path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant");
        var secondCall = objects.stream().map(c -> c.path("choices").path(0).path("delta").path("tool_calls").path(0))
                .filter(call -> call.has("id") && call.path("index").asInt() == 1).findFirst().orElseThrow();
        assertThat(secondCall.path("id").asText()).isEqualTo("call_Jx7Vb2QnP9sKd4WmT6yLc1Ra");
        assertThat(secondCall.path("function").path("name").asText()).isEqualTo("get_weather");
        var finish = objects.get(objects.size() - 2).path("choices").path(0);
        assertThat(finish.path("finish_reason").asText()).isEqualTo("tool_calls");
        var usage = objects.get(objects.size() - 1);
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("prompt_tokens").asLong()).isEqualTo(1352);
        assertThat(usage.path("usage").path("prompt_tokens_details").path("cached_tokens").asLong())
                .isEqualTo(1280);
    }

    @Test
    void withoutStreamUsageTheFinishIsFollowedByDoneAlone() throws Exception {
        // given
        var events = decodeStream(codec.streamDecoder(), text("stream-text.sse"));

        // when
        var chunks = encode(events, request(false), "my-model");

        // then
        assertThat(chunks.get(chunks.size() - 2).path("choices").path(0).path("finish_reason").asText())
                .isEqualTo("stop");
        assertThat(chunks).noneMatch(c -> c.has("usage"));
        assertThat(chunks.get(chunks.size() - 1).asText()).isEqualTo("[DONE]");
    }

    @Test
    void whatTheEncoderWritesDecodesToTheSameEvents() {
        // given
        var events = decodeStream(codec.streamDecoder(), text("stream-tools.sse"));

        // when
        var wire = Buffer.buffer();
        var encoder = codec.streamEncoder(request(true), "gpt-4o-2024-08-06");
        events.forEach(e -> wire.appendBuffer(encoder.encode(e)));
        var again = decodeStream(codec.streamDecoder(), wire.toString());

        // then
        assertThat(again).isEqualTo(events);
    }

    private List<JsonNode> encode(List<StreamEvent> events, Conversation request, String model) throws Exception {
        var encoder = codec.streamEncoder(request, model);
        var sse = Buffer.buffer();
        events.forEach(e -> sse.appendBuffer(encoder.encode(e)));
        var chunks = new ArrayList<JsonNode>();
        for (var data : dataOf(sse.toString())) {
            chunks.add("[DONE]".equals(data) ? json.getNodeFactory().textNode(data) : json.readTree(data));
        }
        return chunks;
    }

    private static Conversation request(boolean streamUsage) {
        var base = conversation(List.of());
        return new Conversation(base.system(), base.messages(), base.tools(), null, null, null, null, null,
                List.of(), null, null, true, streamUsage, List.of());
    }
}
