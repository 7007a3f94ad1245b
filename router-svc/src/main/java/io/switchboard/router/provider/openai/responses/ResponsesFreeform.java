package io.switchboard.router.provider.openai.responses;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OpenAI's {@code custom} tools take free text (Codex's {@code apply_patch} takes a patch), not JSON. The internal
 * model, like every other API, sees such a tool as a function with one string argument, {@code input}; this is the
 * one place that wraps and unwraps it.
 */
final class ResponsesFreeform {

    private ResponsesFreeform() {
    }

    /**
     * The JSON Schema other APIs see for a custom tool. A grammar cannot be enforced elsewhere, so it travels as the
     * argument's description: a model of another vendor still learns the syntax its input must follow.
     */
    static String schema(JsonNode format) {
        var description = new StringBuilder("The tool's input as plain text, not JSON.");
        if (format != null && "grammar".equals(format.path("type").asText())) {
            description.append(" It must match this ").append(format.path("syntax").asText("lark"))
                    .append(" grammar:\n").append(format.path("definition").asText(""));
        }
        return "{\"type\":\"object\",\"properties\":{\"input\":{\"type\":\"string\",\"description\":\""
                + ResponsesWire.escape(description.toString())
                + "\"}},\"required\":[\"input\"],\"additionalProperties\":false}";
    }

    /** A free-form tool's text as the JSON arguments other APIs see: {@code {"input": text}}. */
    static String arguments(String input) {
        return "{\"input\":\"" + ResponsesWire.escape(input) + "\"}";
    }

    /**
     * The text of a free-form call from its JSON arguments; arguments that are not {@code {"input": "..."}} (a model
     * of another API may stray) go through as the text itself rather than being lost.
     */
    static String input(String arguments, ObjectMapper json) {
        try {
            var node = json.readTree(arguments);
            if (node != null && node.isObject() && node.path("input").isTextual()) {
                return node.get("input").asText();
            }
        } catch (IOException notJson) {
            // the raw text is the best reading of it
        }
        return arguments;
    }
}
