package io.switchboard.router.provider.openai.responses;

import static io.switchboard.router.provider.openai.responses.ResponsesFixtures.decodeAll;
import static io.switchboard.router.provider.openai.responses.ResponsesFixtures.frames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.StopReason;
import io.switchboard.router.translate.StreamEvent;
import io.switchboard.router.translate.WireException;

class ResponsesCodecStreamTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ResponsesCodec codec = new ResponsesCodec(json);

    /** A block as a reader of the stream sees it once it ended: how it began, all its deltas, its signature. */
    record Block(Part start, String text, String signature) {
    }

    private static List<Block> blocks(List<StreamEvent> events) {
        var blocks = new ArrayList<Block>();
        Part start = null;
        var text = new StringBuilder();
        for (var event : events) {
            if (event instanceof StreamEvent.BlockStarted begun) {
                assertThat(start).as("two blocks open").isNull();
                assertThat(begun.index()).isEqualTo(blocks.size());
                start = begun.block();
                text.setLength(0);
            } else if (event instanceof StreamEvent.Delta delta) {
                assertThat(delta.index()).isEqualTo(blocks.size());
                text.append(delta.text());
            } else if (event instanceof StreamEvent.BlockStopped stopped) {
                blocks.add(new Block(start, text.toString(), stopped.signature()));
                start = null;
            }
        }
        assertThat(start).as("a block left open").isNull();
        return blocks;
    }

    @Test
    void codexsToolStreamReadsAsReasoningTextAndACallWithTheUsage() {
        // when
        var events = decodeAll(codec.streamDecoder(), frames(ResponsesFixtures.text("stream-tools.sse")));

        // then
        assertThat(events.get(0)).isEqualTo(new StreamEvent.Started(
                "resp_0d5e1b7c3a9f2e4d0069203c1a5b7c8193a4f6e2d8b0c1e3f5", "gpt-5-codex", Tokens.NONE));
        var blocks = blocks(events);
        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(0).start()).isEqualTo(new Part.Reasoning("", null, "openai.responses"));
        assertThat(blocks.get(0).text()).isEqualTo("**Running clippy**\n\nI'll run clippy on tally-core with "
                + "warnings as errors.");
        assertThat(blocks.get(0).signature()).startsWith("gAAAAABpIDwb");
        assertThat(blocks.get(1)).isEqualTo(new Block(new Part.Text(""), "Running clippy now.", null));
        assertThat(blocks.get(2).start()).isEqualTo(new Part.ToolCall("call_Hk3mT9vQ2wXe7RbN5yLc1FpD", "shell",
                ""));
        assertThat(blocks.get(2).text()).isEqualTo("{\"command\":[\"bash\",\"-lc\",\"cargo clippy -p tally-core -- "
                + "-D warnings\"],\"workdir\":\"/home/dev/tally\",\"timeout_ms\":300000}");
        assertThat(events.get(events.size() - 1)).isEqualTo(new StreamEvent.Finished(StopReason.TOOL_USE,
                new Tokens(8754, 7936, 0, 311, 256)));
    }

    @Test
    void aTextStreamIsOneBlockAndEndsWithItsUsage() {
        var events = decodeAll(codec.streamDecoder(), frames(ResponsesFixtures.text("stream-text.sse")));

        assertThat(blocks(events)).extracting(Block::text).containsExactly("A write-ahead log records every change "
                + "before it is applied, so after a crash the database replays the log and loses nothing.");
        assertThat(events.get(events.size() - 1)).isEqualTo(new StreamEvent.Finished(StopReason.END,
                new Tokens(29, 0, 0, 26, 0)));
    }

    @Test
    void aStreamedPatchArrivesAsJsonArgumentsOfOneStringInput() throws Exception {
        // given: apply_patch streamed as free text, quotes and newlines included
        var sse = ResponsesFixtures.text("stream-custom-tool.sse");

        // when
        var events = decodeAll(codec.streamDecoder(), frames(sse));

        // then
        var call = blocks(events).get(0);
        assertThat(call.start()).isEqualTo(new Part.ToolCall("call_Wm5nR1tY8uQ3eZ6xC0vB4aLs", "apply_patch", ""));
        assertThat(json.readTree(call.text()).path("input").asText()).isEqualTo("*** Begin Patch\n"
                + "*** Update File: src/report.rs\n@@\n-    println!(\"total: {}\", t);\n"
                + "+    println!(\"total: {t}\");\n*** End Patch\n");
        assertThat(events.get(events.size() - 1)).isEqualTo(new StreamEvent.Finished(StopReason.TOOL_USE,
                new Tokens(9120, 8832, 0, 97, 0)));
    }

    @Test
    void anUpstreamFailureOrABrokenStreamIsAWireError() {
        var created = "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"r\"}}";

        assertThatThrownBy(() -> codec.streamDecoder().decode("response.failed", "{\"type\":\"response.failed\","
                + "\"response\":{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"x\"}}}",
                e -> {
                })).isInstanceOf(WireException.class).hasMessageContaining("server_error");
        assertThatThrownBy(() -> codec.streamDecoder().decode("error", "{\"type\":\"error\",\"code\":"
                + "\"rate_limit_exceeded\",\"message\":\"slow down\"}", e -> {
                })).isInstanceOf(WireException.class).hasMessageContaining("rate_limit_exceeded");
        assertThatThrownBy(() -> codec.streamDecoder().decode(null, "<html>", e -> {
        })).isInstanceOf(WireException.class);
        var decoder = codec.streamDecoder();
        decoder.decode("response.created", created, e -> {
        });
        assertThatThrownBy(() -> decoder.end(e -> {
        })).isInstanceOf(WireException.class).hasMessageContaining("ended before");
    }

    @Test
    void anotherVendorsStreamBecomesAValidEventSequenceEndingWithUsage() throws Exception {
        // given: a Claude stream answering the Codex request: thinking, text, a shell call, a patch
        var request = codec.decodeRequest(ResponsesFixtures.bytes("request-codex.json"));
        var upstream = List.of(
                new StreamEvent.Started("msg_01", "claude-sonnet-4-5", new Tokens(500, 0, 0, 0, 0)),
                new StreamEvent.BlockStarted(0, new Part.Reasoning("", null, "anthropic.messages")),
                new StreamEvent.Delta(0, "Let me look."),
                new StreamEvent.BlockStopped(0, "EqQBCkYIBxgC"),
                new StreamEvent.BlockStarted(1, new Part.Text("")),
                new StreamEvent.Delta(1, "Running "),
                new StreamEvent.Delta(1, "clippy."),
                new StreamEvent.BlockStopped(1, null),
                new StreamEvent.BlockStarted(2, new Part.ToolCall("toolu_01", "shell", "")),
                new StreamEvent.Delta(2, "{\"command\":[\"cargo\","),
                new StreamEvent.Delta(2, "\"clippy\"]}"),
                new StreamEvent.BlockStopped(2, null),
                new StreamEvent.BlockStarted(3, new Part.ToolCall("toolu_02", "apply_patch", "")),
                new StreamEvent.Delta(3, "{\"input\":\"*** Begin"),
                new StreamEvent.Delta(3, " Patch\\n*** End Patch\\n\"}"),
                new StreamEvent.BlockStopped(3, null),
                new StreamEvent.Finished(StopReason.TOOL_USE, new Tokens(500, 100, 0, 80, 30)));

        // when
        var encoder = codec.streamEncoder(request, "gpt-5-codex");
        var sse = new StringBuilder();
        upstream.forEach(event -> sse.append(encoder.encode(event).toString()));

        // then: every event is named by its type and numbered in order
        var frames = frames(sse.toString());
        for (int i = 0; i < frames.size(); i++) {
            var data = json.readTree(frames.get(i).data());
            assertThat(data.path("type").asText()).isEqualTo(frames.get(i).event());
            assertThat(data.path("sequence_number").asInt()).isEqualTo(i);
        }
        assertThat(frames).extracting(ResponsesFixtures.Frame::event).startsWith("response.created",
                "response.in_progress", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta").endsWith("response.custom_tool_call_input.delta",
                        "response.custom_tool_call_input.done", "response.output_item.done", "response.completed");

        // and the last event carries the whole output and the usage; the foreign reasoning is not in it
        JsonNode completed = json.readTree(frames.get(frames.size() - 1).data()).path("response");
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.path("model").asText()).isEqualTo("gpt-5-codex");
        assertThat(completed.path("output").findValuesAsText("type")).containsExactly("message", "output_text",
                "function_call", "custom_tool_call");
        assertThat(completed.path("output").get(2).path("input").asText()).isEqualTo("*** Begin Patch\n"
                + "*** End Patch\n");
        assertThat(completed.path("usage").path("input_tokens_details").path("cached_tokens").asInt()).isEqualTo(100);
        assertThat(completed.path("usage").path("output_tokens_details").path("reasoning_tokens").asInt())
                .isEqualTo(30);

        // and our own decoder reads back what the client gets
        var read = decodeAll(codec.streamDecoder(), frames);
        assertThat(blocks(read)).extracting(Block::start, Block::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new Part.Text(""), "Running clippy."),
                org.assertj.core.groups.Tuple.tuple(new Part.ToolCall("toolu_01", "shell", ""),
                        "{\"command\":[\"cargo\",\"clippy\"]}"),
                org.assertj.core.groups.Tuple.tuple(new Part.ToolCall("toolu_02", "apply_patch", ""),
                        "{\"input\":\"*** Begin Patch\\n*** End Patch\\n\"}"));
        assertThat(read.get(read.size() - 1)).isEqualTo(upstream.get(upstream.size() - 1));
    }

    @Test
    void openAisOwnStreamSurvivesTheRoundTripWithItsEncryptedReasoning() {
        // given
        var request = codec.decodeRequest(ResponsesFixtures.bytes("request-codex.json"));
        var original = decodeAll(codec.streamDecoder(), frames(ResponsesFixtures.text("stream-tools.sse")));

        // when
        var encoder = codec.streamEncoder(request, "gpt-5-codex");
        var sse = new StringBuilder();
        original.forEach(event -> sse.append(encoder.encode(event).toString()));
        var again = decodeAll(codec.streamDecoder(), frames(sse.toString()));

        // then: the same blocks and end; only the response id is ours
        assertThat(blocks(again)).isEqualTo(blocks(original));
        assertThat(again.get(again.size() - 1)).isEqualTo(original.get(original.size() - 1));
    }

    @Test
    void aCutOffStreamEndsWithResponseIncomplete() throws Exception {
        var request = codec.decodeRequest(ResponsesFixtures.bytes("request-tools.json"));
        var encoder = codec.streamEncoder(request, "gpt-4.1");
        encoder.encode(new StreamEvent.Started("x", "m", Tokens.NONE));

        var last = frames(encoder.encode(new StreamEvent.Finished(StopReason.MAX_TOKENS,
                new Tokens(3, 0, 0, 4, 0))).toString());

        assertThat(last).hasSize(1);
        assertThat(last.get(0).event()).isEqualTo("response.incomplete");
        var response = json.readTree(last.get(0).data()).path("response");
        assertThat(response.path("incomplete_details").path("reason").asText()).isEqualTo("max_output_tokens");
    }
}
