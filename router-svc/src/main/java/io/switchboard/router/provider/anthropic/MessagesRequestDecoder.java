package io.switchboard.router.provider.anthropic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Conversation.HostedTool;
import io.switchboard.router.translate.Conversation.ToolChoice;
import io.switchboard.router.translate.Conversation.ToolSpec;
import io.switchboard.router.translate.InvalidRequestException;

/**
 * Reads a Messages request body into a {@link Conversation}: one tree parse, then a walk over its top-level fields.
 * Fields that only tune Anthropic's own serving are dropped; features another API cannot honour are listed as
 * untranslatable; fields this reader does not know are listed too, never dropped unseen.
 */
final class MessagesRequestDecoder {

    /**
     * Fields this reader knows. Dropped when translating, as hints that change no answer's meaning:
     * {@code metadata} (an abuse-tracking user id), {@code top_k} (a sampling tweak no other API has),
     * {@code context_management} (server-side pruning of old tool results and thinking, to save tokens: the other
     * API sees the whole context instead), {@code service_tier}, {@code speed} and top-level {@code cache_control}
     * (Anthropic's own capacity and caching). {@code container}, {@code mcp_servers} and {@code inference_geo} are
     * features (server-side state, tools and a data residency promise) and are refused when set.
     */
    private static final Set<String> KNOWN = Set.of("model", "messages", "max_tokens", "system",
            "tools", "tool_choice", "thinking", "output_config", "output_format", "temperature", "top_p",
            "stop_sequences", "stream", "metadata", "top_k", "context_management", "service_tier", "speed",
            "cache_control", "container", "mcp_servers", "inference_geo");

    /** {@code output_config} fields dropped as hints: a beta budget across context windows. */
    private static final Set<String> OUTPUT_CONFIG = Set.of("effort", "format", "task_budget");

    private final ObjectMapper json;
    private final MessagesContentDecoder content;

    MessagesRequestDecoder(ObjectMapper json) {
        this.json = json;
        this.content = new MessagesContentDecoder();
    }

    Conversation decode(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.badRequest(null,
                    "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw InvalidRequestException.badRequest(null, "The request body could not be read.");
        }
        if (root == null || !root.isObject()) {
            throw InvalidRequestException.badRequest(null, "The request body must be a JSON object.");
        }
        return decode(root);
    }

    private Conversation decode(JsonNode root) {
        var untranslatable = new ArrayList<String>();
        var model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw InvalidRequestException.badRequest("model", "model: Field required");
        }
        var messages = root.get("messages");
        if (messages == null || !messages.isArray()) {
            throw InvalidRequestException.badRequest("messages", "messages: Field required");
        }
        Integer maxTokens = maxTokens(root.get("max_tokens"), untranslatable);
        var system = content.system(root.get("system"));
        var turns = content.messages(messages, untranslatable);
        var hosted = new ArrayList<HostedTool>();
        var tools = tools(present(root, "tools"), hosted);
        var choice = present(root, "tool_choice");
        var reasoning = MessagesReasoning.read(present(root, "thinking"), present(root, "output_config"));
        Conversation.OutputFormat output = outputFormat(present(root, "output_config"), present(root, "output_format"));

        root.fieldNames().forEachRemaining(field -> {
            if (!KNOWN.contains(field) && !root.get(field).isNull()) {
                untranslatable.add(field);
            }
        });
        var outputConfig = present(root, "output_config");
        if (outputConfig != null) {
            outputConfig.fieldNames().forEachRemaining(field -> {
                if (!OUTPUT_CONFIG.contains(field)) {
                    untranslatable.add("output_config." + field);
                }
            });
        }
        untranslatableWhenSet(root, "container", untranslatable);
        untranslatableWhenSet(root, "mcp_servers", untranslatable);
        untranslatableWhenSet(root, "inference_geo", untranslatable);

        return new Conversation(system, turns, tools, toolChoice(choice), parallelToolCalls(choice), maxTokens,
                number(root, "temperature"), number(root, "top_p"), stopSequences(present(root, "stop_sequences")),
                output, reasoning, root.path("stream").asBoolean(false), false, untranslatable, hosted);
    }

    private static JsonNode present(JsonNode root, String field) {
        var node = root.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private static void untranslatableWhenSet(JsonNode root, String field, List<String> untranslatable) {
        var node = present(root, field);
        if (node != null && !(node.isContainerNode() && node.isEmpty())) {
            untranslatable.add(field);
        }
    }

    private static Integer maxTokens(JsonNode node, List<String> untranslatable) {
        if (node == null || node.isNull()) {
            throw InvalidRequestException.badRequest("max_tokens", "max_tokens: Field required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw InvalidRequestException.badRequest("max_tokens", "max_tokens: Input should be a valid integer");
        }
        if (node.intValue() == 0) {
            // Anthropic's cache pre-warming: no other API generates nothing on purpose.
            untranslatable.add("max_tokens=0");
            return null;
        }
        return node.intValue();
    }

    private static Double number(JsonNode root, String field) {
        var node = present(root, field);
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw InvalidRequestException.badRequest(field, field + ": Input should be a valid number");
        }
        return node.doubleValue();
    }

    private static List<String> stopSequences(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw InvalidRequestException.badRequest("stop_sequences", "stop_sequences: Input should be a valid list");
        }
        var out = new ArrayList<String>(node.size());
        for (var sequence : node) {
            if (!sequence.isTextual()) {
                throw InvalidRequestException.badRequest("stop_sequences",
                        "stop_sequences: Input should be a valid string");
            }
            out.add(sequence.asText());
        }
        return out;
    }

    private List<ToolSpec> tools(JsonNode node, List<HostedTool> hosted) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw InvalidRequestException.badRequest("tools", "tools: Input should be a valid list");
        }
        var out = new ArrayList<ToolSpec>(node.size());
        for (int i = 0; i < node.size(); i++) {
            var tool = node.get(i);
            var type = tool.path("type").asText("custom");
            if (!"custom".equals(type)) {
                // Anthropic's server and versioned tools (web_search_*, bash_*, text_editor_*, computer_*, ...).
                hosted.add(new HostedTool("tools[" + i + "].type=" + type, type));
                continue;
            }
            var name = tool.path("name");
            var schema = tool.get("input_schema");
            if (!name.isTextual() || name.asText().isEmpty()) {
                throw InvalidRequestException.badRequest("tools." + i + ".name",
                        "tools." + i + ".name: Field required");
            }
            if (schema == null || !schema.isObject()) {
                throw InvalidRequestException.badRequest("tools." + i + ".input_schema",
                        "tools." + i + ".input_schema: Field required");
            }
            var description = tool.path("description");
            out.add(new ToolSpec(name.asText(), description.isTextual() ? description.asText() : null,
                    schema.toString(), false));
        }
        return out;
    }

    private static ToolChoice toolChoice(JsonNode choice) {
        if (choice == null) {
            return null;
        }
        var type = choice.path("type").asText("");
        return switch (type) {
            case "auto" -> new ToolChoice(ToolChoice.Mode.AUTO, null);
            case "any" -> new ToolChoice(ToolChoice.Mode.REQUIRED, null);
            case "none" -> new ToolChoice(ToolChoice.Mode.NONE, null);
            case "tool" -> {
                var name = choice.path("name");
                if (!name.isTextual() || name.asText().isEmpty()) {
                    throw InvalidRequestException.badRequest("tool_choice.name", "tool_choice.name: Field required");
                }
                yield new ToolChoice(ToolChoice.Mode.NAMED, name.asText());
            }
            default -> throw InvalidRequestException.badRequest("tool_choice.type",
                    "tool_choice: Input tag '" + type + "' does not match any of the expected tags: 'auto', 'any', "
                            + "'tool', 'none'");
        };
    }

    private static Boolean parallelToolCalls(JsonNode choice) {
        return choice != null && choice.path("disable_parallel_tool_use").asBoolean(false) ? Boolean.FALSE : null;
    }

    /**
     * Structured outputs: {@code output_config.format} (and the older beta {@code output_format}) hold a JSON Schema
     * that Anthropic always enforces, so it reads as strict. Anthropic gives it no name; other APIs need one.
     */
    private static Conversation.OutputFormat outputFormat(JsonNode outputConfig, JsonNode legacy) {
        var format = outputConfig == null ? null : outputConfig.get("format");
        if (format == null || format.isNull()) {
            format = legacy;
        }
        if (format == null || format.isNull()) {
            return null;
        }
        var schema = format.get("schema");
        if (!"json_schema".equals(format.path("type").asText()) || schema == null || !schema.isObject()) {
            throw InvalidRequestException.badRequest("output_config.format",
                    "output_config.format: expected {\"type\": \"json_schema\", \"schema\": {...}}");
        }
        return new Conversation.OutputFormat.JsonSchema("response", schema.toString(), true);
    }
}
