package io.switchboard.router.provider.anthropic;

import java.io.IOException;
import java.util.ArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.Reply;
import io.switchboard.router.translate.WireException;
import io.vertx.core.buffer.Buffer;

/** Reads and writes whole (not streamed) {@code message} objects. */
final class MessagesReplies {

    private final ObjectMapper json;

    MessagesReplies(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Text, tool calls and thinking, in order. Blocks of server tools cannot appear (requests with server tools never
     * translate) and blocks of types added later are skipped; citations are dropped.
     */
    Reply decode(byte[] body) {
        var message = parse(body);
        if (!"message".equals(message.path("type").asText())) {
            throw new WireException("not an Anthropic message (type=" + message.path("type").asText("") + ")");
        }
        var content = message.get("content");
        if (content == null || !content.isArray()) {
            throw new WireException("an Anthropic message without content");
        }
        var parts = new ArrayList<Part>(content.size());
        for (var block : content) {
            switch (block.path("type").asText("")) {
                case "text" -> parts.add(new Part.Text(block.path("text").asText("")));
                case "tool_use" -> parts.add(new Part.ToolCall(block.path("id").asText(""),
                        block.path("name").asText(""), block.has("input") ? block.get("input").toString() : "{}"));
                case "thinking" -> parts.add(MessagesWire.thinking(block.path("thinking").asText(""),
                        block.path("signature").asText(null)));
                case "redacted_thinking" -> parts.add(MessagesWire.redacted(block.path("data").asText("")));
                default -> {
                    // skipped, see above
                }
            }
        }
        var usage = message.get("usage");
        return new Reply(message.path("id").asText(""), message.path("model").asText(""), parts,
                MessagesWire.stopReason(message.path("stop_reason").asText(null)),
                usage == null ? null : AnthropicUsage.tokens(usage));
    }

    private JsonNode parse(byte[] body) {
        JsonNode message;
        try {
            message = json.readTree(body);
        } catch (IOException e) {
            throw new WireException("an Anthropic answer that is not JSON");
        }
        if (message == null || !message.isObject()) {
            throw new WireException("an Anthropic answer that is not a JSON object");
        }
        if ("error".equals(message.path("type").asText())) {
            throw error(message);
        }
        return message;
    }

    /** An {@code error} body or event; its type and message are Anthropic's, never the prompt's. */
    static WireException error(JsonNode error) {
        var detail = error.path("error");
        return new WireException("Anthropic reported " + detail.path("type").asText("an error") + ": "
                + detail.path("message").asText(""));
    }

    /**
     * A {@code message} object as Anthropic writes one. Reasoning goes out only where Anthropic issued it (see
     * {@link MessagesWire#reasoningBlock}); another provider's would come back unsigned and be refused.
     */
    Buffer encode(Reply reply, Conversation request, String model) {
        var out = json.createObjectNode().put("id", messageId(reply.id())).put("type", "message")
                .put("role", "assistant").put("model", model);
        var content = out.putArray("content");
        for (var part : reply.content()) {
            block(part, request, content);
        }
        out.put("stop_reason", MessagesWire.stopReason(reply.stop()));
        out.put("stop_sequence", MessagesWire.stopSequence(reply.stop(), request));
        AnthropicUsage.write(out.putObject("usage"), reply.usage());
        try {
            return Buffer.buffer(json.writeValueAsBytes(out));
        } catch (IOException e) {
            throw new IllegalStateException("a tree of strings and numbers always writes", e);
        }
    }

    private void block(Part part, Conversation request, ArrayNode content) {
        if (part instanceof Part.Text text) {
            content.addObject().put("type", "text").put("text", text.text());
        } else if (part instanceof Part.ToolCall call) {
            content.addObject().put("type", "tool_use").put("id", MessagesWire.toolId(call.id()))
                    .put("name", call.name())
                    .set("input", MessagesWire.toolInput(json, call.arguments(),
                            MessagesWire.freeform(request, call.name())));
        } else if (part instanceof Part.Reasoning reasoning) {
            var block = MessagesWire.reasoningBlock(json, reasoning);
            if (block != null) {
                content.add(block);
            }
        }
    }

    static String messageId(String id) {
        if (id == null || id.isEmpty()) {
            return "msg_" + Long.toHexString(System.nanoTime());
        }
        return id.startsWith("msg_") ? id : "msg_" + id;
    }
}
