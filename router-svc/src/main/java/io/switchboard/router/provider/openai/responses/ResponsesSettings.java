package io.switchboard.router.provider.openai.responses;

import java.io.IOException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;

import io.switchboard.router.translate.Conversation.OutputFormat;
import io.switchboard.router.translate.Conversation.ToolChoice;
import io.switchboard.router.translate.Conversation.ToolSpec;

/** The settings a request sets and a response echoes, as the Responses API writes them: tools, choice, format. */
final class ResponsesSettings {

    private ResponsesSettings() {
    }

    static void writeTool(JsonGenerator g, ToolSpec tool) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", tool.freeform() ? "custom" : "function");
        g.writeStringField("name", tool.name());
        if (tool.description() != null) {
            g.writeStringField("description", tool.description());
        }
        if (tool.freeform()) {
            // the grammar is not in the model; unconstrained text is the faithful superset
            g.writeObjectFieldStart("format");
            g.writeStringField("type", "text");
            g.writeEndObject();
        } else {
            g.writeFieldName("parameters");
            g.writeRawValue(tool.parameters());
            // strict is the Responses default and rejects schemas written for other APIs
            g.writeBooleanField("strict", false);
        }
        g.writeEndObject();
    }

    static void writeToolChoice(JsonGenerator g, ToolChoice choice, Set<String> freeformTools) throws IOException {
        switch (choice.mode()) {
            case AUTO -> g.writeStringField("tool_choice", "auto");
            case NONE -> g.writeStringField("tool_choice", "none");
            case REQUIRED -> g.writeStringField("tool_choice", "required");
            case NAMED -> {
                g.writeObjectFieldStart("tool_choice");
                g.writeStringField("type", freeformTools.contains(choice.name()) ? "custom" : "function");
                g.writeStringField("name", choice.name());
                g.writeEndObject();
            }
        }
    }

    static void writeFormat(JsonGenerator g, OutputFormat output) throws IOException {
        g.writeObjectFieldStart("format");
        if (output instanceof OutputFormat.JsonSchema schema) {
            g.writeStringField("type", "json_schema");
            g.writeStringField("name", schema.name());
            g.writeFieldName("schema");
            g.writeRawValue(schema.schema());
            g.writeBooleanField("strict", schema.strict());
        } else if (output instanceof OutputFormat.JsonObject) {
            g.writeStringField("type", "json_object");
        } else {
            g.writeStringField("type", "text");
        }
        g.writeEndObject();
    }
}
