package io.switchboard.router.provider.openai.chat;

import static io.switchboard.router.provider.openai.chat.ChatFields.array;
import static io.switchboard.router.provider.openai.chat.ChatFields.bool;
import static io.switchboard.router.provider.openai.chat.ChatFields.number;
import static io.switchboard.router.provider.openai.chat.ChatFields.object;
import static io.switchboard.router.provider.openai.chat.ChatFields.optionalString;
import static io.switchboard.router.provider.openai.chat.ChatFields.positiveInt;
import static io.switchboard.router.provider.openai.chat.ChatFields.string;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Conversation.OutputFormat;
import io.switchboard.router.translate.Conversation.ReasoningConfig;
import io.switchboard.router.translate.Conversation.ToolChoice;
import io.switchboard.router.translate.Conversation.ToolSpec;
import io.switchboard.router.translate.InvalidRequestException;

/**
 * Reads a chat-completions request body into a {@link Conversation}, from one tree parse. Every top-level field is
 * either mapped, dropped as a hint that changes no answer, or listed as untranslatable: none is dropped unseen.
 */
final class ChatRequestDecoder {

    /** Fields that tune billing, caching, tracing or determinism but not what the answer may be. */
    private static final Set<String> HINTS = Set.of("user", "seed", "metadata", "store", "prompt_cache_key",
            "prompt_cache_retention", "service_tier", "safety_identifier", "verbosity");

    /** Features the internal model cannot carry when set (JSON null, false, 0 and empty are "not set"). */
    private static final Set<String> REFUSED = Set.of("audio", "prediction", "functions", "function_call",
            "logit_bias", "logprobs", "top_logprobs", "web_search_options", "frequency_penalty", "presence_penalty");

    private static final Set<String> EFFORTS = Set.of("none", "minimal", "low", "medium", "high", "xhigh");

    private static final String NO_PARAMETERS = "{\"type\":\"object\",\"properties\":{}}";

    private final ObjectMapper json;

    ChatRequestDecoder(ObjectMapper json) {
        this.json = json;
    }

    Conversation decode(byte[] body) {
        var root = parse(body);
        var untranslatable = new ArrayList<String>(0);
        var messages = new ChatMessageDecoder(untranslatable);
        var draft = new Draft();
        boolean sawModel = false;
        boolean sawMessages = false;
        for (var field : root.properties()) {
            var name = field.getKey();
            var value = field.getValue();
            if ("model".equals(name)) {
                sawModel = !string(value, "model").isBlank();
            } else if ("messages".equals(name)) {
                messages.decode(value);
                sawMessages = true;
            } else if (!value.isNull()) {
                field(name, value, draft, untranslatable);
            }
        }
        if (!sawModel) {
            throw InvalidRequestException.badRequest("model", "You must provide a model parameter.");
        }
        if (!sawMessages) {
            throw ChatFields.missing("messages");
        }
        return new Conversation(messages.system, messages.messages, draft.tools, draft.toolChoice, draft.parallel,
                draft.maxCompletionTokens != null ? draft.maxCompletionTokens : draft.maxTokens, draft.temperature,
                draft.topP, draft.stop, draft.output, draft.reasoning, draft.stream, draft.stream && draft.usage,
                untranslatable);
    }

    private JsonNode parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            // The parser's message quotes the body: only its position goes out.
            var at = e.getLocation();
            throw InvalidRequestException.badRequest(null, "The request body is not valid JSON"
                    + (at == null ? "." : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")."));
        } catch (IOException e) {
            throw InvalidRequestException.badRequest(null, "The request body could not be read.");
        }
        if (root == null || !root.isObject()) {
            throw InvalidRequestException.badRequest(null, "The request body must be a JSON object.");
        }
        return root;
    }

    private void field(String name, JsonNode value, Draft draft, List<String> untranslatable) {
        switch (name) {
            case "tools" -> draft.tools = tools(value, untranslatable);
            case "tool_choice" -> draft.toolChoice = toolChoice(value, untranslatable);
            case "parallel_tool_calls" -> draft.parallel = bool(value, name);
            case "max_completion_tokens" -> draft.maxCompletionTokens = positiveInt(value, name);
            case "max_tokens" -> draft.maxTokens = positiveInt(value, name);
            case "temperature" -> draft.temperature = number(value, name);
            case "top_p" -> draft.topP = number(value, name);
            case "stop" -> draft.stop = stop(value);
            case "response_format" -> draft.output = output(value, untranslatable);
            case "reasoning_effort" -> draft.reasoning = reasoning(value);
            case "stream" -> draft.stream = bool(value, name);
            case "stream_options" -> draft.usage = streamOptions(value, untranslatable);
            case "n" -> {
                if (positiveInt(value, name) > 1) {
                    untranslatable.add("n=" + value.intValue());
                }
            }
            case "modalities" -> {
                for (var modality : array(value, name)) {
                    if (!"text".equals(modality.asText())) {
                        untranslatable.add("modalities=" + modality.asText());
                    }
                }
            }
            default -> {
                if (REFUSED.contains(name)) {
                    if (isSet(value)) {
                        untranslatable.add(name);
                    }
                } else if (!HINTS.contains(name)) {
                    untranslatable.add(name);
                }
            }
        }
    }

    private static boolean isSet(JsonNode value) {
        return !(value.isBoolean() && !value.booleanValue()) && !(value.isNumber() && value.doubleValue() == 0)
                && !(value.isContainerNode() && value.isEmpty());
    }

    private List<ToolSpec> tools(JsonNode value, List<String> untranslatable) {
        array(value, "tools");
        var tools = new ArrayList<ToolSpec>(value.size());
        for (int i = 0; i < value.size(); i++) {
            var at = "tools[" + i + "]";
            var tool = object(value.get(i), at);
            var type = string(tool.path("type"), at + ".type");
            if (!"function".equals(type)) {
                untranslatable.add(at + ".type=" + type);
                continue;
            }
            // strict is dropped: the model has no place for it, and upstreams validate arguments as they can.
            var function = object(tool.path("function"), at + ".function");
            var name = string(function.path("name"), at + ".function.name");
            var description = optionalString(function.path("description"), at + ".function.description");
            var parameters = function.path("parameters");
            tools.add(new ToolSpec(name, description, parameters.isMissingNode() || parameters.isNull()
                    ? NO_PARAMETERS
                    : write(object(parameters, at + ".function.parameters")), false));
        }
        return tools;
    }

    private static ToolChoice toolChoice(JsonNode value, List<String> untranslatable) {
        if (value.isTextual()) {
            return switch (value.textValue()) {
                case "auto" -> new ToolChoice(ToolChoice.Mode.AUTO, null);
                case "none" -> new ToolChoice(ToolChoice.Mode.NONE, null);
                case "required" -> new ToolChoice(ToolChoice.Mode.REQUIRED, null);
                default -> throw InvalidRequestException.badRequest("tool_choice",
                        "Invalid value for 'tool_choice': expected 'none', 'auto', 'required' or an object.");
            };
        }
        var type = string(object(value, "tool_choice").path("type"), "tool_choice.type");
        if (!"function".equals(type)) {
            untranslatable.add("tool_choice.type=" + type);
            return null;
        }
        var name = string(object(value.path("function"), "tool_choice.function").path("name"),
                "tool_choice.function.name");
        return new ToolChoice(ToolChoice.Mode.NAMED, name);
    }

    private static List<String> stop(JsonNode value) {
        if (value.isTextual()) {
            return List.of(value.textValue());
        }
        array(value, "stop");
        var stops = new ArrayList<String>(value.size());
        for (int i = 0; i < value.size(); i++) {
            stops.add(string(value.get(i), "stop[" + i + "]"));
        }
        return stops;
    }

    private OutputFormat output(JsonNode value, List<String> untranslatable) {
        var type = string(object(value, "response_format").path("type"), "response_format.type");
        switch (type) {
            case "text" :
                return null;
            case "json_object" :
                return new OutputFormat.JsonObject();
            case "json_schema" :
                // description is a hint: the schema says what counts.
                var spec = object(value.path("json_schema"), "response_format.json_schema");
                var name = string(spec.path("name"), "response_format.json_schema.name");
                var schema = spec.path("schema");
                var strict = spec.path("strict");
                return new OutputFormat.JsonSchema(name,
                        schema.isMissingNode() || schema.isNull()
                                ? "{}"
                                : write(object(schema, "response_format.json_schema.schema")),
                        !strict.isMissingNode() && !strict.isNull()
                                && bool(strict, "response_format.json_schema.strict"));
            default :
                untranslatable.add("response_format.type=" + type);
                return null;
        }
    }

    /** {@code none} keeps its name, so that a chat upstream hears it again; other APIs see thinking off. */
    private static ReasoningConfig reasoning(JsonNode value) {
        var effort = string(value, "reasoning_effort");
        if (!EFFORTS.contains(effort)) {
            throw InvalidRequestException.badRequest("reasoning_effort", "Invalid value for 'reasoning_effort': "
                    + "expected one of 'none', 'minimal', 'low', 'medium', 'high' or 'xhigh'.");
        }
        return new ReasoningConfig(!"none".equals(effort), effort, null);
    }

    private static boolean streamOptions(JsonNode value, List<String> untranslatable) {
        boolean usage = false;
        for (var field : object(value, "stream_options").properties()) {
            switch (field.getKey()) {
                case "include_usage" -> usage = !field.getValue().isNull()
                        && bool(field.getValue(), "stream_options.include_usage");
                // Obfuscation pads chunks against side channels; other APIs' streams have none to switch off.
                case "include_obfuscation" -> {
                }
                default -> untranslatable.add("stream_options." + field.getKey());
            }
        }
        return usage;
    }

    private String write(JsonNode schema) {
        try {
            return json.writeValueAsString(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree writes", e);
        }
    }

    /** The fields read so far; the messages have their own reader. */
    private static final class Draft {

        List<ToolSpec> tools;
        ToolChoice toolChoice;
        Boolean parallel;
        Integer maxCompletionTokens;
        Integer maxTokens;
        Double temperature;
        Double topP;
        List<String> stop;
        OutputFormat output;
        ReasoningConfig reasoning;
        boolean stream;
        boolean usage;
    }
}
