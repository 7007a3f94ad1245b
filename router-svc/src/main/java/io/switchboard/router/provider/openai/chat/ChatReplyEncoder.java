package io.switchboard.router.provider.openai.chat;

import java.io.IOException;
import java.time.Clock;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.Reply;
import io.vertx.core.buffer.Buffer;

/**
 * Writes a whole answer as a {@code chat.completion} object. Texts join into the one content string chat has; visible
 * reasoning goes in {@code reasoning_content}, the field vLLM and DeepSeek clients already read.
 */
final class ChatReplyEncoder {

    private final JsonFactory factory;
    private final Clock clock;

    ChatReplyEncoder(JsonFactory factory, Clock clock) {
        this.factory = factory;
        this.clock = clock;
    }

    Buffer encode(Reply reply, String model) {
        var text = new StringBuilder();
        var reasoning = new StringBuilder();
        boolean called = false;
        for (var part : reply.content()) {
            if (part instanceof Part.Text t) {
                text.append(t.text());
            } else if (part instanceof Part.Reasoning r && r.text() != null) {
                reasoning.append(r.text());
            } else if (part instanceof Part.ToolCall) {
                called = true;
            }
        }
        boolean hasToolCalls = called;
        return ChatJson.buffer(factory, 512 + text.length() + reasoning.length(), out -> {
            out.writeStartObject();
            out.writeStringField("id", ChatJson.completionId(reply.id()));
            out.writeStringField("object", "chat.completion");
            out.writeNumberField("created", clock.millis() / 1000);
            out.writeStringField("model", model);
            out.writeArrayFieldStart("choices");
            out.writeStartObject();
            out.writeNumberField("index", 0);
            out.writeObjectFieldStart("message");
            out.writeStringField("role", "assistant");
            if (text.isEmpty() && hasToolCalls) {
                out.writeNullField("content");
            } else {
                out.writeStringField("content", text.toString());
            }
            if (!reasoning.isEmpty()) {
                out.writeStringField("reasoning_content", reasoning.toString());
            }
            if (hasToolCalls) {
                toolCalls(out, reply);
            }
            out.writeNullField("refusal");
            out.writeArrayFieldStart("annotations");
            out.writeEndArray();
            out.writeEndObject();
            out.writeNullField("logprobs");
            out.writeStringField("finish_reason", ChatJson.finishReason(reply.stop()));
            out.writeEndObject();
            out.writeEndArray();
            ChatUsage.write(out, reply.usage() == null ? Tokens.NONE : reply.usage());
            out.writeEndObject();
        });
    }

    private static void toolCalls(JsonGenerator out, Reply reply) throws IOException {
        out.writeArrayFieldStart("tool_calls");
        for (var part : reply.content()) {
            if (part instanceof Part.ToolCall call) {
                out.writeStartObject();
                writeToolCall(out, call);
                out.writeEndObject();
            }
        }
        out.writeEndArray();
    }

    /** A tool call's fields in chat's shape, in an object already started (a stream's chunk adds its index first). */
    static void writeToolCall(JsonGenerator out, Part.ToolCall call) throws IOException {
        out.writeStringField("id", call.id());
        out.writeStringField("type", "function");
        out.writeObjectFieldStart("function");
        out.writeStringField("name", call.name());
        out.writeStringField("arguments", call.arguments() == null ? "" : call.arguments());
        out.writeEndObject();
    }
}
