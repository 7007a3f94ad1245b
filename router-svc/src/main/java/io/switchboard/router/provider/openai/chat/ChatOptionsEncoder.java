package io.switchboard.router.provider.openai.chat;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

import io.switchboard.router.provider.openai.ReasoningEffort;
import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Conversation.OutputFormat;

/** Writes the fields of a chat request after its messages: tools and the settings of the generation. */
final class ChatOptionsEncoder {

    /** Free-form tools become functions of one string, the shape the model documents for APIs without them. */
    private static final String FREEFORM_PARAMETERS = "{\"type\":\"object\",\"properties\":{\"input\":"
            + "{\"type\":\"string\"}},\"required\":[\"input\"]}";

    private ChatOptionsEncoder() {
    }

    static void write(JsonGenerator out, Conversation conversation) throws IOException {
        if (!conversation.tools().isEmpty()) {
            out.writeArrayFieldStart("tools");
            for (var tool : conversation.tools()) {
                out.writeStartObject();
                out.writeStringField("type", "function");
                out.writeObjectFieldStart("function");
                out.writeStringField("name", tool.name());
                if (tool.description() != null) {
                    out.writeStringField("description", tool.description());
                }
                out.writeFieldName("parameters");
                out.writeRawValue(tool.freeform() || tool.parameters() == null
                        ? FREEFORM_PARAMETERS
                        : tool.parameters());
                out.writeEndObject();
                out.writeEndObject();
            }
            out.writeEndArray();
            // OpenAI refuses parallel_tool_calls on a request without tools.
            if (conversation.parallelToolCalls() != null) {
                out.writeBooleanField("parallel_tool_calls", conversation.parallelToolCalls());
            }
        }
        toolChoice(out, conversation.toolChoice());
        if (conversation.maxOutputTokens() != null) {
            out.writeNumberField("max_completion_tokens", conversation.maxOutputTokens());
        }
        if (conversation.temperature() != null) {
            out.writeNumberField("temperature", conversation.temperature());
        }
        if (conversation.topP() != null) {
            out.writeNumberField("top_p", conversation.topP());
        }
        if (!conversation.stopSequences().isEmpty()) {
            out.writeArrayFieldStart("stop");
            for (var stop : conversation.stopSequences()) {
                out.writeString(stop);
            }
            out.writeEndArray();
        }
        output(out, conversation.output());
        var effort = ReasoningEffort.of(conversation.reasoning());
        if (effort != null) {
            out.writeStringField("reasoning_effort", effort);
        }
        if (conversation.stream()) {
            out.writeBooleanField("stream", true);
            // The router meters every stream, whether or not the client asked for usage.
            out.writeObjectFieldStart("stream_options");
            out.writeBooleanField("include_usage", true);
            out.writeEndObject();
        }
    }

    private static void toolChoice(JsonGenerator out, Conversation.ToolChoice choice) throws IOException {
        if (choice == null) {
            return;
        }
        switch (choice.mode()) {
            case AUTO -> out.writeStringField("tool_choice", "auto");
            case NONE -> out.writeStringField("tool_choice", "none");
            case REQUIRED -> out.writeStringField("tool_choice", "required");
            case NAMED -> {
                out.writeObjectFieldStart("tool_choice");
                out.writeStringField("type", "function");
                out.writeObjectFieldStart("function");
                out.writeStringField("name", choice.name());
                out.writeEndObject();
                out.writeEndObject();
            }
        }
    }

    private static void output(JsonGenerator out, OutputFormat output) throws IOException {
        if (output == null) {
            return;
        }
        out.writeObjectFieldStart("response_format");
        if (output instanceof OutputFormat.JsonSchema schema) {
            out.writeStringField("type", "json_schema");
            out.writeObjectFieldStart("json_schema");
            out.writeStringField("name", schema.name() == null || schema.name().isEmpty()
                    ? "response"
                    : schema.name());
            out.writeFieldName("schema");
            out.writeRawValue(schema.schema() == null ? "{}" : schema.schema());
            out.writeBooleanField("strict", schema.strict());
            out.writeEndObject();
        } else {
            out.writeStringField("type", "json_object");
        }
        out.writeEndObject();
    }
}
