package io.switchboard.distill.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.switchboard.events.AnswerText;

/**
 * Tool calls as answers: an answer that calls tools is written as a JSON list of {@code {"name", "arguments"}}, the
 * arguments as JSON; the ToolCall eval reads that form, OpenAI's {@code tool_calls} form, or one call alone
 * ({@link AnswerText#toolCalls(String)}).
 */
final class ToolCalls {

    private ToolCalls() {
    }

    /** A message's {@code tool_calls} in the canonical form. */
    static String canonical(JsonNode toolCalls) {
        ArrayNode calls = Json.MAPPER.createArrayNode();
        for (AnswerText.ToolCall call : AnswerText.toolCalls(toolCalls)) {
            calls.addObject().put("name", call.name()).set("arguments", call.arguments());
        }
        return calls.toString();
    }
}
