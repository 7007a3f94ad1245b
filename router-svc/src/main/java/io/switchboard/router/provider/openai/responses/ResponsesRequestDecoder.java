package io.switchboard.router.provider.openai.responses;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Conversation.OutputFormat;
import io.switchboard.router.translate.Conversation.ReasoningConfig;
import io.switchboard.router.translate.Conversation.ToolChoice;
import io.switchboard.router.translate.InvalidRequestException;
import io.switchboard.router.translate.Part;

/**
 * Reads a Responses request body (one Jackson parse) into a {@link Conversation}. Every top-level field is either
 * read, dropped as a hint that changes nothing in the answer, or listed as untranslatable: none is dropped silently.
 */
final class ResponsesRequestDecoder {

    /** Hints about storage, caching, billing and presentation that no other API needs to produce the same answer. */
    private static final Set<String> HINTS = Set.of("store", "include", "prompt_cache_key", "prompt_cache_retention",
            "client_metadata", "metadata", "service_tier", "user", "safety_identifier", "truncation",
            "stream_options", "max_tool_calls");

    private static final Set<String> EFFORTS = Set.of("none", "minimal", "low", "medium", "high", "xhigh");

    private final ObjectMapper json;
    private final ResponsesTools tools;

    ResponsesRequestDecoder(ObjectMapper json) {
        this.json = json;
        this.tools = new ResponsesTools(json);
    }

    Conversation decode(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw InvalidRequestException.badRequest(null, "The request body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw InvalidRequestException.badRequest(null, "The request body must be a JSON object.");
        }
        var untranslatable = new ArrayList<String>();
        listUnsupported(root, untranslatable);
        requireString(root, "model");
        if (!present(root.get("input"))) {
            throw InvalidRequestException.badRequest("input", "Missing required parameter: 'input'.");
        }
        var system = new ArrayList<Part.Text>();
        var instructions = root.get("instructions");
        if (present(instructions)) {
            if (!instructions.isTextual()) {
                throw InvalidRequestException.badRequest("instructions", "'instructions' must be a string.");
            }
            system.add(new Part.Text(instructions.asText()));
        }
        var declared = tools.read(root.get("tools"));
        var input = new ResponsesInputDecoder(json, declared.names(), system, untranslatable);
        var messages = input.read(root.get("input"));
        boolean stream = bool(root, "stream", false);
        // this API has no stop sequences, and always streams the usage
        return new Conversation(system, messages, declared.specs(),
                toolChoice(root.get("tool_choice"), untranslatable), optionalBool(root, "parallel_tool_calls"),
                maxOutputTokens(root.get("max_output_tokens")), number(root, "temperature"), number(root, "top_p"),
                List.of(), output(root.get("text")), reasoning(root.get("reasoning")), stream, stream,
                untranslatable, declared.hosted());
    }

    private static void listUnsupported(JsonNode root, List<String> untranslatable) {
        for (var names = root.fieldNames(); names.hasNext();) {
            var name = names.next();
            var value = root.get(name);
            switch (name) {
                case "model", "input", "instructions", "tools", "tool_choice", "parallel_tool_calls",
                        "max_output_tokens", "temperature", "top_p", "text", "reasoning", "stream" -> {
                    // read below
                }
                // server-side state the router cannot carry to another API
                case "previous_response_id", "conversation", "prompt" -> {
                    if (present(value)) {
                        untranslatable.add(name);
                    }
                }
                case "background" -> {
                    if (value.asBoolean(false)) {
                        untranslatable.add("background=true");
                    }
                }
                case "top_logprobs" -> {
                    if (value.asInt(0) > 0) {
                        untranslatable.add("top_logprobs");
                    }
                }
                default -> {
                    if (!HINTS.contains(name)) {
                        untranslatable.add(name);
                    }
                }
            }
        }
    }

    private static ToolChoice toolChoice(JsonNode choice, List<String> untranslatable) {
        if (!present(choice)) {
            return null;
        }
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "auto" -> new ToolChoice(ToolChoice.Mode.AUTO, null);
                case "none" -> new ToolChoice(ToolChoice.Mode.NONE, null);
                case "required" -> new ToolChoice(ToolChoice.Mode.REQUIRED, null);
                default -> throw InvalidRequestException.badRequest("tool_choice",
                        "'tool_choice' must be 'auto', 'none', 'required' or an object.");
            };
        }
        var type = choice.path("type").asText("");
        if (type.equals("function") || type.equals("custom")) {
            return new ToolChoice(ToolChoice.Mode.NAMED, requireString(choice, "tool_choice", "name"));
        }
        if (type.isEmpty()) {
            throw InvalidRequestException.badRequest("tool_choice.type", "Missing required parameter: "
                    + "'tool_choice.type'.");
        }
        untranslatable.add("tool_choice.type=" + type);
        return null;
    }

    private OutputFormat output(JsonNode text) {
        var format = text == null ? null : text.get("format");
        if (!present(format)) {
            return null;
        }
        var type = format.path("type").asText("");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> new OutputFormat.JsonObject();
            case "json_schema" -> {
                if (!format.path("schema").isObject()) {
                    throw InvalidRequestException.badRequest("text.format.schema",
                            "'text.format.schema' must be a JSON Schema object.");
                }
                yield new OutputFormat.JsonSchema(requireString(format, "text.format", "name"),
                        tools.schema(format.get("schema")), format.path("strict").asBoolean(false));
            }
            default -> throw InvalidRequestException.badRequest("text.format.type",
                    "'text.format.type' must be 'text', 'json_object' or 'json_schema'.");
        };
    }

    /** Only the effort carries over; {@code reasoning.summary} is a presentation hint. */
    private static ReasoningConfig reasoning(JsonNode reasoning) {
        var effort = reasoning == null ? null : reasoning.get("effort");
        if (!present(effort)) {
            return null;
        }
        if (!effort.isTextual() || !EFFORTS.contains(effort.asText())) {
            throw InvalidRequestException.badRequest("reasoning.effort",
                    "'reasoning.effort' must be one of " + EFFORTS + ".");
        }
        return new ReasoningConfig(!effort.asText().equals("none"), effort.asText(), null);
    }

    private static Integer maxOutputTokens(JsonNode value) {
        if (!present(value)) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw InvalidRequestException.badRequest("max_output_tokens",
                    "'max_output_tokens' must be a positive integer.");
        }
        return value.asInt();
    }

    private static Double number(JsonNode root, String field) {
        var value = root.get(field);
        if (!present(value)) {
            return null;
        }
        if (!value.isNumber()) {
            throw InvalidRequestException.badRequest(field, "'" + field + "' must be a number.");
        }
        return value.asDouble();
    }

    private static boolean bool(JsonNode root, String field, boolean absent) {
        var value = optionalBool(root, field);
        return value == null ? absent : value;
    }

    private static Boolean optionalBool(JsonNode root, String field) {
        var value = root.get(field);
        if (!present(value)) {
            return null;
        }
        if (!value.isBoolean()) {
            throw InvalidRequestException.badRequest(field, "'" + field + "' must be a boolean.");
        }
        return value.asBoolean();
    }

    static boolean present(JsonNode value) {
        return value != null && !value.isNull();
    }

    static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String requireString(JsonNode root, String field) {
        var value = root.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw InvalidRequestException.badRequest(field, "Missing required parameter: '" + field + "'.");
        }
        return value.asText();
    }

    /** A required string field of an object at {@code at}; the param names the field as the client wrote it. */
    static String requireString(JsonNode node, String at, String field) {
        var value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            var param = at + "." + field;
            throw InvalidRequestException.badRequest(param, "Missing required parameter: '" + param + "'.");
        }
        return value.asText();
    }
}
