package io.switchboard.distill.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.switchboard.events.AnswerText;

/**
 * Tool calls as answers: an answer that calls tools is written as a JSON list of {@code {"name", "arguments"}}, the
 * arguments as JSON; the ToolCall eval reads that form, OpenAI's {@code tool_calls} form, or one call alone.
 */
final class ToolCalls {

    /** One call: the tool's name and its arguments (a JSON value; OpenAI sends them as a JSON string). */
    record Call(String name, JsonNode arguments) {
    }

    private ToolCalls() {
    }

    /** A message's {@code tool_calls} in the canonical form. */
    static String canonical(JsonNode toolCalls) {
        ArrayNode calls = Json.MAPPER.createArrayNode();
        for (Call call : calls(toolCalls)) {
            calls.addObject().put("name", call.name()).set("arguments", call.arguments());
        }
        return calls.toString();
    }

    /** The calls an answer makes, or empty when it is not a tool-call answer. */
    static Optional<List<Call>> parse(String answer) {
        return AnswerText.json(answer).flatMap(node -> {
            List<Call> calls = calls(node.isArray() ? node : Json.MAPPER.createArrayNode().add(node));
            return calls.isEmpty() || calls.stream().anyMatch(call -> call.name() == null)
                    ? Optional.empty()
                    : Optional.of(calls);
        });
    }

    private static List<Call> calls(JsonNode list) {
        List<Call> calls = new ArrayList<>();
        for (JsonNode call : list) {
            JsonNode function = call.has("function") ? call.get("function") : call;
            calls.add(new Call(function.path("name").textValue(), arguments(function.path("arguments"))));
        }
        return calls;
    }

    private static JsonNode arguments(JsonNode arguments) {
        JsonNode parsed = arguments;
        if (arguments.isTextual()) {
            try {
                parsed = Json.MAPPER.readTree(arguments.asText());
            } catch (JsonProcessingException e) {
                return arguments;
            }
        }
        // no arguments: OpenAI's "" and an absent field alike
        return parsed.isMissingNode() || parsed.isNull() ? Json.MAPPER.createObjectNode() : parsed;
    }
}
