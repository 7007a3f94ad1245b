package io.switchboard.router.provider.gemini;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.translate.BufferOutput;
import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Conversation.OutputFormat;
import io.switchboard.router.translate.Conversation.Role;
import io.switchboard.router.translate.Conversation.ToolChoice;
import io.switchboard.router.translate.Conversation.ToolSpec;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.UntranslatableException;
import io.vertx.core.buffer.Buffer;

/**
 * Writes a conversation as a {@code generateContent} body (the same body serves {@code streamGenerateContent}; the
 * model and the method are in the URL). Streams JSON straight into the buffer; schemas go through as raw JSON text.
 */
final class GeminiRequestEncoder {

    static final String TARGET = "the Google Gemini API";

    /** Gemini refuses more. */
    private static final int MAX_STOP_SEQUENCES = 5;

    private static final String FREEFORM_PARAMETERS = "{\"type\":\"object\",\"properties\":{\"input\":{\"type\":\"string\"}},"
            + "\"required\":[\"input\"]}";

    private final ObjectMapper mapper;

    GeminiRequestEncoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Buffer encode(Conversation conversation, String model) {
        if (!conversation.untranslatable().isEmpty()) {
            throw new UntranslatableException(conversation.untranslatable().get(0), TARGET);
        }
        if (conversation.stopSequences().size() > MAX_STOP_SEQUENCES) {
            throw new UntranslatableException("more than " + MAX_STOP_SEQUENCES + " stop sequences", TARGET);
        }
        var body = Buffer.buffer(estimate(conversation));
        try (var out = mapper.createGenerator(new BufferOutput(body))) {
            out.writeStartObject();
            var turns = conversation.messages().stream().filter(m -> m.role() != Role.SYSTEM).toList();
            new GeminiContents(mapper, out, GeminiThinking.enforcesSignatures(model)).write(turns);
            // Gemini has no system turns: at the end of the system instruction, mid-conversation instructions keep a
            // system instruction's authority (a user turn would not), and Gemini reads them before its answer.
            writeSystem(out, conversation.instructions());
            writeTools(out, conversation.tools(), conversation.toolChoice());
            writeGenerationConfig(out, conversation, model);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return body;
    }

    /** Room for the whole body up front: growing a 100 KB buffer by doubling costs more than writing it. */
    private static int estimate(Conversation conversation) {
        long size = 1024;
        for (var message : conversation.messages()) {
            for (var part : message.parts()) {
                size += 64 + partSize(part);
                if (part instanceof Part.ToolResult result) {
                    for (var piece : result.content()) {
                        size += partSize(piece);
                    }
                }
            }
        }
        for (var tool : conversation.tools()) {
            size += 64 + length(tool.description()) + length(tool.parameters());
        }
        // JSON escapes make text grow a little
        return (int) Math.min(Integer.MAX_VALUE - 8, size + size / 16);
    }

    private static int partSize(Part part) {
        if (part instanceof Part.Text text) {
            return length(text.text());
        }
        if (part instanceof Part.Image image) {
            return length(image.base64()) + length(image.url());
        }
        if (part instanceof Part.ToolCall call) {
            return length(call.id()) + length(call.arguments());
        }
        if (part instanceof Part.Reasoning reasoning) {
            return length(reasoning.text()) + length(reasoning.signature());
        }
        return 0;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private static void writeSystem(JsonGenerator out, List<Part.Text> system) throws IOException {
        var any = system.stream().anyMatch(t -> t.text() != null && !t.text().isEmpty());
        if (!any) {
            return;
        }
        out.writeObjectFieldStart("systemInstruction");
        out.writeArrayFieldStart("parts");
        for (var text : system) {
            if (text.text() != null && !text.text().isEmpty()) {
                out.writeStartObject();
                out.writeStringField("text", text.text());
                out.writeEndObject();
            }
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void writeTools(JsonGenerator out, List<ToolSpec> tools, ToolChoice choice) throws IOException {
        if (tools.isEmpty()) {
            return;
        }
        out.writeArrayFieldStart("tools");
        out.writeStartObject();
        out.writeArrayFieldStart("functionDeclarations");
        for (var tool : tools) {
            out.writeStartObject();
            out.writeStringField("name", tool.name());
            if (tool.description() != null && !tool.description().isEmpty()) {
                out.writeStringField("description", tool.description());
            }
            // parametersJsonSchema takes full JSON Schema, so nothing needs cutting down to the OpenAPI subset
            var parameters = tool.freeform() ? FREEFORM_PARAMETERS : tool.parameters();
            if (parameters != null && !parameters.isBlank()) {
                requireObject(parameters, "the parameters of tool '" + tool.name() + "'");
                out.writeFieldName("parametersJsonSchema");
                out.writeRawValue(parameters);
            }
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
        out.writeEndArray();
        if (choice != null) {
            out.writeObjectFieldStart("toolConfig");
            out.writeObjectFieldStart("functionCallingConfig");
            out.writeStringField("mode", switch (choice.mode()) {
                case AUTO -> "AUTO";
                case NONE -> "NONE";
                case REQUIRED, NAMED -> "ANY";
            });
            if (choice.mode() == ToolChoice.Mode.NAMED) {
                out.writeArrayFieldStart("allowedFunctionNames");
                out.writeString(choice.name());
                out.writeEndArray();
            }
            out.writeEndObject();
            out.writeEndObject();
        }
    }

    private static void writeGenerationConfig(JsonGenerator out, Conversation c, String model) throws IOException {
        if (c.maxOutputTokens() == null && c.temperature() == null && c.topP() == null && c.stopSequences().isEmpty()
                && c.output() == null && c.reasoning() == null) {
            return;
        }
        out.writeObjectFieldStart("generationConfig");
        if (c.maxOutputTokens() != null) {
            out.writeNumberField("maxOutputTokens", c.maxOutputTokens());
        }
        if (c.temperature() != null) {
            out.writeNumberField("temperature", c.temperature());
        }
        if (c.topP() != null) {
            out.writeNumberField("topP", c.topP());
        }
        if (!c.stopSequences().isEmpty()) {
            out.writeArrayFieldStart("stopSequences");
            for (var stop : c.stopSequences()) {
                out.writeString(stop);
            }
            out.writeEndArray();
        }
        if (c.output() != null) {
            out.writeStringField("responseMimeType", "application/json");
            if (c.output() instanceof OutputFormat.JsonSchema schema) {
                requireObject(schema.schema(), "the response schema");
                out.writeFieldName("responseJsonSchema");
                out.writeRawValue(schema.schema());
            }
        }
        if (c.reasoning() != null) {
            GeminiThinking.write(out, c.reasoning(), model);
        }
        out.writeEndObject();
    }

    /** Schemas go through unparsed; this cheap check keeps a non-object from breaking the body's JSON. */
    private static void requireObject(String json, String what) {
        int start = 0;
        int end = json == null ? 0 : json.length();
        while (start < end && Character.isWhitespace(json.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(json.charAt(end - 1))) {
            end--;
        }
        if (end - start < 2 || json.charAt(start) != '{' || json.charAt(end - 1) != '}') {
            throw new UntranslatableException(what + " (not a JSON Schema object)", TARGET);
        }
    }
}
