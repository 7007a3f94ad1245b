package io.switchboard.router.provider.anthropic;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.Sse;
import io.switchboard.router.translate.StreamEncoder;
import io.switchboard.router.translate.StreamEvent;
import io.vertx.core.buffer.Buffer;

/**
 * Writes a stream as Anthropic sends one: {@code message_start}, blocks ({@code content_block_start}, deltas,
 * {@code content_block_stop}), {@code message_delta} with the stop reason and usage, {@code message_stop}.
 * Another provider's reasoning is not written (it would come back unsigned and be refused); a {@code ping} stands in
 * for it so that the client sees the stream alive while the model thinks. Block indexes count the blocks written.
 */
final class MessagesStreamEncoder implements StreamEncoder {

    private enum Kind {
        TEXT, TOOL, FREEFORM_TOOL, THINKING, REDACTED, DROPPED
    }

    private static final String PING = "{\"type\":\"ping\"}";

    private final ObjectMapper json;
    private final Conversation request;
    private final String model;
    private final Map<Integer, Kind> kinds = new HashMap<>(8);
    private final Map<Integer, Integer> indexes = new HashMap<>(8);
    private int next;
    private boolean started;

    MessagesStreamEncoder(ObjectMapper json, Conversation request, String model) {
        this.json = json;
        this.request = request;
        this.model = model;
    }

    @Override
    public Buffer encode(StreamEvent event) {
        var out = Buffer.buffer(128);
        if (event instanceof StreamEvent.Started s) {
            start(s.id(), s.usage(), out);
        } else if (event instanceof StreamEvent.BlockStarted b) {
            start(null, Tokens.NONE, out);
            blockStart(b.index(), b.block(), out);
        } else if (event instanceof StreamEvent.Delta d) {
            delta(d.index(), d.text(), out);
        } else if (event instanceof StreamEvent.BlockStopped b) {
            blockStop(b.index(), b.signature(), out);
        } else if (event instanceof StreamEvent.Finished f) {
            start(null, Tokens.NONE, out);
            finish(f, out);
        }
        return out;
    }

    private void start(String id, Tokens usage, Buffer out) {
        if (started) {
            return;
        }
        started = true;
        var message = json.createObjectNode().put("id", MessagesReplies.messageId(id)).put("type", "message")
                .put("role", "assistant").put("model", model);
        message.putArray("content");
        message.putNull("stop_reason").putNull("stop_sequence");
        AnthropicUsage.write(message.putObject("usage"), usage);
        var event = json.createObjectNode().put("type", "message_start");
        event.set("message", message);
        out.appendBuffer(Sse.event("message_start", write(event)));
    }

    private void blockStart(int index, Part block, Buffer out) {
        var kind = kind(block);
        kinds.put(index, kind);
        if (kind == Kind.DROPPED) {
            out.appendBuffer(Sse.event("ping", PING));
            return;
        }
        int at = next++;
        indexes.put(index, at);
        var content = json.createObjectNode();
        if (block instanceof Part.ToolCall call) {
            content.put("type", "tool_use").put("id", MessagesWire.toolId(call.id())).put("name", call.name())
                    .putObject("input");
        } else if (kind == Kind.REDACTED) {
            content.put("type", "redacted_thinking")
                    .put("data", ((Part.Reasoning) block).signature().substring(MessagesWire.REDACTED.length()));
        } else if (kind == Kind.THINKING) {
            content.put("type", "thinking").put("thinking", "").put("signature", "");
        } else {
            content.put("type", "text").put("text", "");
        }
        var event = json.createObjectNode().put("type", "content_block_start").put("index", at);
        event.set("content_block", content);
        out.appendBuffer(Sse.event("content_block_start", write(event)));
        if (kind == Kind.FREEFORM_TOOL) {
            // A free-form tool's text streams as the one string of {"input": "..."}.
            out.appendBuffer(delta(at, "input_json_delta", "partial_json", "{\"" + MessagesWire.FREEFORM_INPUT
                    + "\":\""));
        }
    }

    private Kind kind(Part block) {
        if (block instanceof Part.ToolCall call) {
            return MessagesWire.freeform(request, call.name()) ? Kind.FREEFORM_TOOL : Kind.TOOL;
        }
        if (block instanceof Part.Reasoning reasoning) {
            if (!MessagesWire.ORIGIN.equals(reasoning.origin())) {
                return Kind.DROPPED;
            }
            return MessagesWire.isRedacted(reasoning) ? Kind.REDACTED : Kind.THINKING;
        }
        return Kind.TEXT;
    }

    private void delta(int index, String text, Buffer out) {
        var kind = kinds.get(index);
        if (kind == null || text.isEmpty()) {
            return;
        }
        int at = indexes.getOrDefault(index, -1);
        switch (kind) {
            case TEXT -> out.appendBuffer(delta(at, "text_delta", "text", text));
            case TOOL -> out.appendBuffer(delta(at, "input_json_delta", "partial_json", text));
            case FREEFORM_TOOL -> out.appendBuffer(delta(at, "input_json_delta", "partial_json",
                    new String(JsonStringEncoder.getInstance().quoteAsString(text))));
            case THINKING -> out.appendBuffer(delta(at, "thinking_delta", "thinking", text));
            default -> {
                // redacted thinking has no deltas; dropped reasoning is not written
            }
        }
    }

    private void blockStop(int index, String signature, Buffer out) {
        var kind = kinds.remove(index);
        var at = indexes.remove(index);
        if (kind == null || at == null) {
            return;
        }
        if (kind == Kind.THINKING && signature != null && !signature.startsWith(MessagesWire.REDACTED)) {
            out.appendBuffer(delta(at, "signature_delta", "signature", signature));
        } else if (kind == Kind.FREEFORM_TOOL) {
            out.appendBuffer(delta(at, "input_json_delta", "partial_json", "\"}"));
        }
        out.appendBuffer(Sse.event("content_block_stop",
                "{\"type\":\"content_block_stop\",\"index\":" + at + "}"));
    }

    private void finish(StreamEvent.Finished finished, Buffer out) {
        for (var open : kinds.keySet().stream().sorted().toList()) {
            blockStop(open, null, out);
        }
        var event = json.createObjectNode().put("type", "message_delta");
        event.putObject("delta").put("stop_reason", MessagesWire.stopReason(finished.stop()))
                .put("stop_sequence", MessagesWire.stopSequence(finished.stop(), request));
        AnthropicUsage.write(event.putObject("usage"), finished.usage());
        out.appendBuffer(Sse.event("message_delta", write(event)));
        out.appendBuffer(Sse.event("message_stop", "{\"type\":\"message_stop\"}"));
    }

    /** A delta event, written by hand: these are most of a stream. */
    private static Buffer delta(int index, String type, String field, String value) {
        var quoted = JsonStringEncoder.getInstance().quoteAsString(value);
        var data = new StringBuilder(quoted.length + type.length() + field.length() + 72)
                .append("{\"type\":\"content_block_delta\",\"index\":").append(index)
                .append(",\"delta\":{\"type\":\"").append(type).append("\",\"").append(field).append("\":\"")
                .append(quoted).append("\"}}");
        return Sse.event("content_block_delta", data.toString());
    }

    private String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException("a tree of strings and numbers always writes", e);
        }
    }
}
