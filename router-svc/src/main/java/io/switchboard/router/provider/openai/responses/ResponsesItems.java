package io.switchboard.router.provider.openai.responses;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.router.translate.Conversation.Namespaced;

/** Output items ({@code message}, {@code function_call}, {@code custom_tool_call}, {@code reasoning}) both ways. */
final class ResponsesItems {

    private ResponsesItems() {
    }

    /** A reasoning item's visible text: its summaries, else its raw reasoning (open-weight models send that). */
    static String reasoningText(JsonNode item) {
        var text = joined(item.get("summary"));
        return text.isEmpty() ? joined(item.get("content")) : text;
    }

    private static String joined(JsonNode parts) {
        if (parts == null || !parts.isArray() || parts.isEmpty()) {
            return "";
        }
        if (parts.size() == 1) {
            return parts.get(0).path("text").asText("");
        }
        var text = new StringBuilder();
        for (var part : parts) {
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }

    static void writeMessage(JsonGenerator g, String id, String status, List<String> texts) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("type", "message");
        g.writeStringField("status", status);
        g.writeArrayFieldStart("content");
        for (var text : texts) {
            writeOutputText(g, text);
        }
        g.writeEndArray();
        g.writeStringField("role", "assistant");
        g.writeEndObject();
    }

    static void writeOutputText(JsonGenerator g, String text) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "output_text");
        g.writeArrayFieldStart("annotations");
        g.writeEndArray();
        g.writeArrayFieldStart("logprobs");
        g.writeEndArray();
        g.writeStringField("text", text);
        g.writeEndObject();
    }

    /** A call of the tool {@code callee}: its name, and its namespace when it has one, as the client declared it. */
    static void writeFunctionCall(JsonGenerator g, String id, String status, String callId, Namespaced callee,
            String arguments) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("type", "function_call");
        g.writeStringField("status", status);
        g.writeStringField("arguments", arguments);
        g.writeStringField("call_id", callId);
        writeCallee(g, callee);
        g.writeEndObject();
    }

    static void writeCustomCall(JsonGenerator g, String id, String status, String callId, Namespaced callee,
            String input) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("type", "custom_tool_call");
        g.writeStringField("status", status);
        g.writeStringField("call_id", callId);
        g.writeStringField("input", input);
        writeCallee(g, callee);
        g.writeEndObject();
    }

    private static void writeCallee(JsonGenerator g, Namespaced callee) throws IOException {
        g.writeStringField("name", callee.name());
        if (callee.namespace() != null) {
            g.writeStringField("namespace", callee.namespace());
        }
    }

    /** A reasoning item; {@code id} is {@code null} in requests, where an id makes OpenAI look for stored state. */
    static void writeReasoning(JsonGenerator g, String id, String text, String encrypted) throws IOException {
        g.writeStartObject();
        if (id != null) {
            g.writeStringField("id", id);
        }
        g.writeStringField("type", "reasoning");
        g.writeArrayFieldStart("summary");
        if (!text.isEmpty()) {
            writeSummaryText(g, text);
        }
        g.writeEndArray();
        if (encrypted != null) {
            g.writeStringField("encrypted_content", encrypted);
        }
        g.writeEndObject();
    }

    static void writeSummaryText(JsonGenerator g, String text) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "summary_text");
        g.writeStringField("text", text);
        g.writeEndObject();
    }
}
