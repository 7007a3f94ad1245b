package io.switchboard.router.provider.anthropic;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.StopReason;
import io.switchboard.router.translate.StreamDecoder;
import io.switchboard.router.translate.StreamEvent;
import io.switchboard.router.translate.WireException;

/**
 * Reads a Messages stream. Block indexes are renumbered from 0 over the blocks it passes on: blocks of types it does
 * not know (those of server tools, say) are skipped with their deltas. {@code ping} and unknown events are ignored, as
 * Anthropic asks of clients.
 */
final class MessagesStreamDecoder implements StreamDecoder {

    private final ObjectMapper json;
    /** The open blocks passed on, by Anthropic's index. */
    private final Map<Integer, Block> open = new HashMap<>(4);
    private int next;
    private Tokens usage = Tokens.NONE;
    private StopReason stop = StopReason.END;
    private boolean started;
    private boolean finished;

    private static final class Block {

        final int index;
        final boolean toolCall;
        String signature;
        boolean hasContent;

        Block(int index, boolean toolCall) {
            this.index = index;
            this.toolCall = toolCall;
        }
    }

    MessagesStreamDecoder(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void decode(String event, String data, Consumer<StreamEvent> out) {
        var node = parse(data);
        var type = node.path("type").asText(event == null ? "" : event);
        if (finished) {
            return;
        }
        switch (type) {
            case "message_start" -> {
                var message = node.path("message");
                var startUsage = message.get("usage");
                usage = startUsage == null ? Tokens.NONE : AnthropicUsage.tokens(startUsage);
                started = true;
                out.accept(new StreamEvent.Started(message.path("id").asText(""), message.path("model").asText(""),
                        usage));
            }
            case "content_block_start" -> blockStart(node, out);
            case "content_block_delta" -> delta(node, out);
            case "content_block_stop" -> blockStop(node.path("index").asInt(-1), out);
            case "message_delta" -> {
                var reason = node.path("delta").path("stop_reason");
                if (reason.isTextual()) {
                    stop = MessagesWire.stopReason(reason.asText());
                }
                usage = AnthropicUsage.update(usage, node.get("usage"));
            }
            case "message_stop" -> {
                requireStarted();
                finished = true;
                out.accept(new StreamEvent.Finished(stop, usage));
            }
            case "error" -> throw MessagesReplies.error(node);
            default -> {
                // ping, and events added after this was written
            }
        }
    }

    @Override
    public void end(Consumer<StreamEvent> out) {
        if (!finished) {
            throw new WireException("the Anthropic stream ended before message_stop");
        }
    }

    private void blockStart(JsonNode node, Consumer<StreamEvent> out) {
        requireStarted();
        int upstream = node.path("index").asInt(-1);
        var block = node.path("content_block");
        Part part = switch (block.path("type").asText("")) {
            case "text" -> new Part.Text("");
            case "tool_use" -> new Part.ToolCall(block.path("id").asText(""), block.path("name").asText(""), "");
            case "thinking" -> MessagesWire.thinking("", null);
            case "redacted_thinking" -> MessagesWire.redacted(block.path("data").asText(""));
            default -> null;
        };
        if (part == null) {
            return;
        }
        int index = next++;
        var state = new Block(index, part instanceof Part.ToolCall);
        if (part instanceof Part.Reasoning reasoning) {
            state.signature = reasoning.signature();
        }
        open.put(upstream, state);
        out.accept(new StreamEvent.BlockStarted(index, part));
        var initial = block.path("text").asText("");
        if (!initial.isEmpty()) {
            out.accept(new StreamEvent.Delta(index, initial));
        }
    }

    private void delta(JsonNode node, Consumer<StreamEvent> out) {
        var block = open.get(node.path("index").asInt(-1));
        if (block == null) {
            return;
        }
        var delta = node.path("delta");
        switch (delta.path("type").asText("")) {
            case "text_delta" -> emit(block, delta.path("text").asText(""), out);
            case "input_json_delta" -> emit(block, delta.path("partial_json").asText(""), out);
            case "thinking_delta" -> emit(block, delta.path("thinking").asText(""), out);
            case "signature_delta" -> block.signature = delta.path("signature").asText(null);
            default -> {
                // citations_delta annotates text already sent
            }
        }
    }

    private static void emit(Block block, String text, Consumer<StreamEvent> out) {
        if (!text.isEmpty()) {
            block.hasContent = true;
            out.accept(new StreamEvent.Delta(block.index, text));
        }
    }

    private void blockStop(int upstream, Consumer<StreamEvent> out) {
        var block = open.remove(upstream);
        if (block == null) {
            return;
        }
        if (block.toolCall && !block.hasContent) {
            // A call without arguments streams none; its arguments are still a JSON object.
            out.accept(new StreamEvent.Delta(block.index, "{}"));
        }
        out.accept(new StreamEvent.BlockStopped(block.index,
                block.signature == null || block.signature.isEmpty() ? null : block.signature));
    }

    private void requireStarted() {
        if (!started) {
            throw new WireException("an Anthropic stream event before message_start");
        }
    }

    private JsonNode parse(String data) {
        try {
            var node = json.readTree(data);
            if (node == null || !node.isObject()) {
                throw new WireException("an Anthropic stream event that is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new WireException("an Anthropic stream event that is not JSON");
        }
    }
}
