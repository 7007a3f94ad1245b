package io.switchboard.router.provider.openai.responses;

import static io.switchboard.router.provider.openai.responses.ResponsesRequestDecoder.present;
import static io.switchboard.router.provider.openai.responses.ResponsesRequestDecoder.requireString;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.translate.Conversation.Message;
import io.switchboard.router.translate.Conversation.Role;
import io.switchboard.router.translate.InvalidRequestException;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.ToolNames;

/**
 * Reads a request's {@code input} (a string or a list of items) into turns. Adjacent items of one side merge into one
 * turn (a reasoning item, a message and two calls are one assistant turn), as APIs that insist on alternating turns
 * need. System and developer messages before the first turn join the system instructions; later ones stay where they
 * stand, as system turns (Codex sends some mid-conversation, e.g. when the user changes the approval policy). Calls
 * of namespaced tools take the flattened names the tools have.
 */
final class ResponsesInputDecoder {

    private final ObjectMapper json;
    private final ToolNames names;
    private final List<Part.Text> system;
    private final List<String> untranslatable;
    private final List<Message> messages = new ArrayList<>();
    private Role role;
    private List<Part> parts = new ArrayList<>();

    ResponsesInputDecoder(ObjectMapper json, ToolNames names, List<Part.Text> system, List<String> untranslatable) {
        this.json = json;
        this.names = names;
        this.system = system;
        this.untranslatable = untranslatable;
    }

    List<Message> read(JsonNode input) {
        if (input.isTextual()) {
            add(Role.USER, new Part.Text(input.asText()));
        } else if (input.isArray()) {
            for (int i = 0; i < input.size(); i++) {
                item("input[" + i + "]", input.get(i));
            }
        } else {
            throw InvalidRequestException.badRequest("input", "'input' must be a string or an array of items.");
        }
        flush();
        return messages;
    }

    private void item(String at, JsonNode item) {
        if (!item.isObject()) {
            throw InvalidRequestException.badRequest(at, "'" + at + "' must be an object.");
        }
        // the SDKs' "easy" message has no type
        var type = item.path("type").asText(item.has("role") ? "message" : "");
        switch (type) {
            case "message" -> message(at, item);
            case "function_call" -> add(Role.ASSISTANT, new Part.ToolCall(requireString(item, at, "call_id"),
                    name(at, item), arguments(at, item.get("arguments"))));
            case "custom_tool_call" -> add(Role.ASSISTANT, new Part.ToolCall(requireString(item, at, "call_id"),
                    requireString(item, at, "name"), ResponsesFreeform.arguments(item.path("input").asText(""))));
            case "function_call_output", "custom_tool_call_output" -> add(Role.USER, new Part.ToolResult(
                    requireString(item, at, "call_id"), output(at, item.get("output")), false));
            case "reasoning" -> add(Role.ASSISTANT, new Part.Reasoning(ResponsesItems.reasoningText(item),
                    ResponsesRequestDecoder.text(item, "encrypted_content"), ResponsesWire.API));
            case "" -> throw InvalidRequestException.badRequest(at + ".type",
                    "Missing required parameter: '" + at + ".type'.");
            // item_reference, compaction, web_search_call, local_shell_call, ...: state or tools of OpenAI's own
            default -> untranslatable.add(at + ".type=" + type);
        }
    }

    private void message(String at, JsonNode item) {
        var roleName = item.path("role").asText("");
        var content = item.get("content");
        if (!present(content)) {
            throw InvalidRequestException.badRequest(at + ".content", "Missing required parameter: '" + at
                    + ".content'.");
        }
        switch (roleName) {
            case "user" -> content(at, content, Role.USER);
            case "assistant" -> content(at, content, Role.ASSISTANT);
            case "system", "developer" -> {
                var texts = new ArrayList<Part>();
                parts(at + ".content", content, texts);
                for (var part : texts) {
                    if (!(part instanceof Part.Text text)) {
                        untranslatable.add(at + ".role=" + roleName + " with an image");
                    } else if (role == null) {
                        system.add(text);
                    } else {
                        add(Role.SYSTEM, text);
                    }
                }
            }
            default -> throw InvalidRequestException.badRequest(at + ".role",
                    "'" + at + ".role' must be one of 'user', 'assistant', 'system', 'developer'.");
        }
    }

    private void content(String at, JsonNode content, Role side) {
        var read = new ArrayList<Part>();
        parts(at + ".content", content, read);
        for (var part : read) {
            add(side, part);
        }
    }

    /** Message content or a tool's output: a string, or parts of text and images. */
    private void parts(String at, JsonNode content, List<Part> into) {
        if (content.isTextual()) {
            into.add(new Part.Text(content.asText()));
            return;
        }
        if (!content.isArray()) {
            throw InvalidRequestException.badRequest(at, "'" + at + "' must be a string or an array.");
        }
        for (int j = 0; j < content.size(); j++) {
            var part = content.get(j);
            var partAt = at + "[" + j + "]";
            var type = part.path("type").asText("");
            switch (type) {
                case "input_text", "output_text", "text" -> into.add(new Part.Text(part.path("text").asText("")));
                case "refusal" -> into.add(new Part.Text(part.path("refusal").asText("")));
                case "input_image" -> {
                    var image = image(part);
                    if (image == null) {
                        untranslatable.add(partAt + ".file_id");
                    } else {
                        into.add(image);
                    }
                }
                case "" -> throw InvalidRequestException.badRequest(partAt + ".type",
                        "Missing required parameter: '" + partAt + ".type'.");
                default -> untranslatable.add(partAt + ".type=" + type);
            }
        }
    }

    /** An image by URL or as a data URL; {@code null} when it is an uploaded file only OpenAI holds. */
    private static Part.Image image(JsonNode part) {
        var url = part.path("image_url");
        // the chat API's shape, {"image_url": {"url": ...}}, turns up in Responses traffic too
        var address = url.isObject() ? url.path("url").asText(null) : url.asText(null);
        if (address == null || address.isEmpty()) {
            return null;
        }
        if (address.startsWith("data:")) {
            int marker = address.indexOf(";base64,");
            if (marker > 5) {
                return new Part.Image(null, address.substring(5, marker), address.substring(marker + 8));
            }
        }
        return new Part.Image(address, null, null);
    }

    private List<Part> output(String at, JsonNode output) {
        if (!present(output)) {
            throw InvalidRequestException.badRequest(at + ".output", "Missing required parameter: '" + at
                    + ".output'.");
        }
        if (output.isTextual() && output.asText().isEmpty()) {
            return List.of();
        }
        var content = new ArrayList<Part>();
        parts(at + ".output", output, content);
        return content;
    }

    /** A call's name; that of a namespaced tool's call flattened as the tool's is. */
    private String name(String at, JsonNode item) {
        var name = requireString(item, at, "name");
        var namespace = item.get("namespace");
        return namespace != null && namespace.isTextual() ? names.flat(namespace.asText(), name) : name;
    }

    private String arguments(String at, JsonNode arguments) {
        if (!present(arguments)) {
            return "{}";
        }
        if (arguments.isTextual()) {
            return arguments.asText();
        }
        if (arguments.isObject()) {
            try {
                return json.writeValueAsString(arguments);
            } catch (IOException e) {
                throw new IllegalStateException("a parsed tree always writes", e);
            }
        }
        throw InvalidRequestException.badRequest(at + ".arguments", "'" + at + ".arguments' must be a string.");
    }

    private void add(Role side, Part part) {
        if (side != role) {
            flush();
            role = side;
        }
        parts.add(part);
    }

    private void flush() {
        if (role != null && !parts.isEmpty()) {
            messages.add(new Message(role, parts));
            parts = new ArrayList<>();
        }
    }
}
