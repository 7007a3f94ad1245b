package io.switchboard.router.provider.openai.responses;

import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;

import io.switchboard.events.Tokens;
import io.switchboard.router.provider.openai.ReasoningEffort;
import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Conversation.Namespaced;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.ToolNames;

/**
 * The {@code response} object around the output a client of the Responses API gets, whole or streamed: our id, the
 * name the client asked for, and the request's settings echoed back as OpenAI does (the SDKs read them).
 *
 * @param freeformTools the names of the request's {@code custom} tools, whose calls are written as custom calls
 */
record ResponsesEnvelope(String id, long createdAt, String model, Conversation request, Set<String> freeformTools) {

    static ResponsesEnvelope of(Conversation request, String model) {
        var freeform = new HashSet<String>();
        for (var tool : request.tools()) {
            if (tool.freeform()) {
                freeform.add(tool.name());
            }
        }
        return new ResponsesEnvelope(ResponsesWire.newId("resp_"), Instant.now().getEpochSecond(), model, request,
                Set.copyOf(freeform));
    }

    boolean freeform(String toolName) {
        return freeformTools.contains(toolName);
    }

    /** The namespace ({@code null} when none) and name the client knows the tool the model calls by. */
    Namespaced callee(String toolName) {
        var origin = ToolNames.origin(request, toolName);
        return origin != null ? origin : new Namespaced(null, toolName);
    }

    /**
     * @param output the output items, as JSON text
     * @param usage {@code null} while the answer is in progress
     */
    void write(JsonGenerator g, String status, String incompleteReason, List<String> output, Tokens usage)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("object", "response");
        g.writeNumberField("created_at", createdAt);
        g.writeStringField("status", status);
        g.writeBooleanField("background", false);
        g.writeNullField("error");
        if (incompleteReason == null) {
            g.writeNullField("incomplete_details");
        } else {
            g.writeObjectFieldStart("incomplete_details");
            g.writeStringField("reason", incompleteReason);
            g.writeEndObject();
        }
        writeInstructions(g);
        writeNumber(g, "max_output_tokens", request.maxOutputTokens());
        g.writeNullField("max_tool_calls");
        g.writeStringField("model", model);
        g.writeArrayFieldStart("output");
        for (var item : output) {
            g.writeRawValue(item);
        }
        g.writeEndArray();
        g.writeBooleanField("parallel_tool_calls", request.parallelToolCalls() == null || request.parallelToolCalls());
        g.writeNullField("previous_response_id");
        g.writeObjectFieldStart("reasoning");
        var effort = ReasoningEffort.of(request.reasoning());
        if (effort == null) {
            g.writeNullField("effort");
        } else {
            g.writeStringField("effort", effort);
        }
        g.writeNullField("summary");
        g.writeEndObject();
        g.writeStringField("service_tier", "default");
        g.writeBooleanField("store", false);
        g.writeNumberField("temperature", request.temperature() == null ? 1.0 : request.temperature());
        g.writeObjectFieldStart("text");
        ResponsesSettings.writeFormat(g, request.output());
        g.writeEndObject();
        if (request.toolChoice() == null) {
            g.writeStringField("tool_choice", "auto");
        } else {
            ResponsesSettings.writeToolChoice(g, request.toolChoice(), freeformTools);
        }
        g.writeArrayFieldStart("tools");
        for (var tool : request.tools()) {
            ResponsesSettings.writeTool(g, tool);
        }
        g.writeEndArray();
        g.writeNumberField("top_logprobs", 0);
        g.writeNumberField("top_p", request.topP() == null ? 1.0 : request.topP());
        g.writeStringField("truncation", "disabled");
        if (usage == null) {
            g.writeNullField("usage");
        } else {
            ResponsesWire.writeUsage(g, usage);
        }
        g.writeNullField("user");
        g.writeObjectFieldStart("metadata");
        g.writeEndObject();
        g.writeEndObject();
    }

    private void writeInstructions(JsonGenerator g) throws IOException {
        var system = request.system();
        if (system.isEmpty()) {
            g.writeNullField("instructions");
            return;
        }
        var text = new StringBuilder();
        for (Part.Text part : system) {
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(part.text());
        }
        g.writeStringField("instructions", text.toString());
    }

    private static void writeNumber(JsonGenerator g, String field, Integer value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }
}
