package io.switchboard.router.provider.openai.responses;

import static io.switchboard.router.provider.openai.responses.ResponsesRequestDecoder.present;
import static io.switchboard.router.provider.openai.responses.ResponsesRequestDecoder.requireString;
import static io.switchboard.router.provider.openai.responses.ResponsesRequestDecoder.text;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.translate.Conversation.HostedTool;
import io.switchboard.router.translate.Conversation.Namespaced;
import io.switchboard.router.translate.Conversation.ToolSpec;
import io.switchboard.router.translate.InvalidRequestException;
import io.switchboard.router.translate.ToolNames;

/**
 * Reads a request's {@code tools}: {@code function} and {@code custom} tools, and those grouped in a {@code namespace}
 * (Codex's {@code multi_agent_v1}), which become functions of flattened names ({@link ToolNames}). OpenAI's own tools
 * ({@code web_search}, {@code file_search}, {@code code_interpreter}, ...) are hosted tools another API cannot run.
 */
final class ResponsesTools {

    private static final String EMPTY_OBJECT_SCHEMA = "{\"type\":\"object\",\"properties\":{}}";

    /** The tools read, the hosted ones set aside, and the names namespaced tools (and their calls) take. */
    record Read(List<ToolSpec> specs, List<HostedTool> hosted, ToolNames names) {
    }

    private final ObjectMapper json;

    ResponsesTools(ObjectMapper json) {
        this.json = json;
    }

    Read read(JsonNode tools) {
        if (!present(tools)) {
            return new Read(List.of(), List.of(), new ToolNames(Set.of()));
        }
        if (!tools.isArray()) {
            throw InvalidRequestException.badRequest("tools", "'tools' must be an array.");
        }
        var plain = new HashSet<String>();
        tools.forEach(tool -> {
            if (!"namespace".equals(tool.path("type").asText()) && tool.path("name").isTextual()) {
                plain.add(tool.get("name").asText());
            }
        });
        var names = new ToolNames(plain);
        var specs = new ArrayList<ToolSpec>(tools.size());
        var hosted = new ArrayList<HostedTool>();
        for (int i = 0; i < tools.size(); i++) {
            var tool = tools.get(i);
            var at = "tools[" + i + "]";
            if ("namespace".equals(type(tool, at))) {
                var namespace = requireString(tool, at, "name");
                var members = tool.get("tools");
                if (members == null || !members.isArray()) {
                    throw InvalidRequestException.badRequest(at + ".tools", "'" + at + ".tools' must be an array.");
                }
                for (int j = 0; j < members.size(); j++) {
                    tool(members.get(j), at + ".tools[" + j + "]", namespace, names, specs, hosted);
                }
            } else {
                tool(tool, at, null, names, specs, hosted);
            }
        }
        return new Read(specs, hosted, names);
    }

    private void tool(JsonNode tool, String at, String namespace, ToolNames names, List<ToolSpec> specs,
            List<HostedTool> hosted) {
        var type = type(tool, at);
        if (!type.equals("function") && !type.equals("custom")) {
            hosted.add(new HostedTool(at + ".type=" + type, type));
            return;
        }
        var name = requireString(tool, at, "name");
        boolean freeform = type.equals("custom");
        var schema = freeform ? ResponsesFreeform.schema(tool.get("format")) : schema(tool.get("parameters"));
        specs.add(namespace == null
                ? new ToolSpec(name, text(tool, "description"), schema, freeform)
                : new ToolSpec(names.flat(namespace, name), text(tool, "description"), schema, freeform,
                        new Namespaced(namespace, name)));
    }

    private static String type(JsonNode tool, String at) {
        var type = tool.path("type");
        if (!type.isTextual()) {
            throw InvalidRequestException.badRequest(at + ".type", "Missing required parameter: '" + at + ".type'.");
        }
        return type.asText();
    }

    String schema(JsonNode parameters) {
        if (!present(parameters)) {
            return EMPTY_OBJECT_SCHEMA;
        }
        try {
            return json.writeValueAsString(parameters);
        } catch (IOException e) {
            throw new IllegalStateException("a parsed tree always writes", e);
        }
    }
}
