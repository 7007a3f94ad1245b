package io.switchboard.router.provider.openai.chat;

import static io.switchboard.router.provider.openai.chat.ChatFields.array;
import static io.switchboard.router.provider.openai.chat.ChatFields.object;
import static io.switchboard.router.provider.openai.chat.ChatFields.optionalString;
import static io.switchboard.router.provider.openai.chat.ChatFields.string;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.router.translate.Conversation.Message;
import io.switchboard.router.translate.Conversation.Role;
import io.switchboard.router.translate.InvalidRequestException;
import io.switchboard.router.translate.Part;

/**
 * Reads the {@code messages} of a chat request. System and developer messages before the first turn become the system
 * instructions, later ones system turns in place; runs of tool messages become one user turn of tool results, as the
 * internal model has it.
 */
final class ChatMessageDecoder {

    /** Fields each role may carry besides {@code role} and {@code content}; {@code name} is a dropped hint. */
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "system", Set.of("name"),
            "developer", Set.of("name"),
            "user", Set.of("name"),
            // annotations: citations of an earlier answer, sent back by clients that echo whole messages.
            "assistant", Set.of("name", "refusal", "tool_calls", "reasoning_content", "annotations", "audio",
                    "function_call"),
            "tool", Set.of("tool_call_id"));

    final List<Part.Text> system = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    private final List<String> untranslatable;
    private final List<Part> pendingResults = new ArrayList<>();

    ChatMessageDecoder(List<String> untranslatable) {
        this.untranslatable = untranslatable;
    }

    void decode(JsonNode list) {
        array(list, "messages");
        if (list.isEmpty()) {
            throw InvalidRequestException.badRequest("messages",
                    "Invalid 'messages': empty array. Expected an array with minimum length 1.");
        }
        for (int i = 0; i < list.size(); i++) {
            var at = "messages[" + i + "]";
            var message = object(list.get(i), at);
            var role = string(message.path("role"), at + ".role");
            var known = FIELDS.get(role);
            if (known == null) {
                unknownRole(role, at);
                continue;
            }
            checkFields(message, known, at);
            if (!"tool".equals(role)) {
                flushToolResults();
            }
            switch (role) {
                case "system", "developer" -> system(texts(message.path("content"), at + ".content"));
                case "user" -> messages.add(new Message(Role.USER, userContent(message.path("content"), at)));
                case "assistant" -> assistant(message, at);
                default -> toolResult(message, at);
            }
        }
        flushToolResults();
    }

    /** Before the first turn, the system prompt; later, an instruction in its place. */
    private void system(List<Part.Text> texts) {
        if (messages.isEmpty()) {
            system.addAll(texts);
        } else {
            messages.add(new Message(Role.SYSTEM, List.copyOf(texts)));
        }
    }

    private void unknownRole(String role, String at) {
        if ("function".equals(role)) {
            untranslatable.add(at + ".role=function");
            return;
        }
        throw InvalidRequestException.badRequest(at + ".role", "Invalid value for '" + at
                + ".role': expected one of 'system', 'developer', 'user', 'assistant' or 'tool'.");
    }

    /** Unknown fields are refused by name rather than dropped unseen; nulls are what SDKs write for "none". */
    private void checkFields(JsonNode message, Set<String> known, String at) {
        for (var field : message.properties()) {
            var name = field.getKey();
            if (!"role".equals(name) && !"content".equals(name) && !known.contains(name)
                    && !field.getValue().isNull()) {
                untranslatable.add(at + "." + name);
            }
        }
    }

    private void assistant(JsonNode message, String at) {
        var parts = new ArrayList<Part>();
        int refusedBefore = untranslatable.size();
        // vLLM and DeepSeek style: earlier reasoning, echoed back by clients that keep whole messages.
        var reasoning = optionalString(message.path("reasoning_content"), at + ".reasoning_content");
        if (reasoning != null && !reasoning.isEmpty()) {
            parts.add(new Part.Reasoning(reasoning, null, ChatJson.ORIGIN));
        }
        var content = message.path("content");
        if (!content.isMissingNode() && !content.isNull()) {
            parts.addAll(texts(content, at + ".content"));
        }
        // An earlier refusal is something the assistant said.
        var refusal = optionalString(message.path("refusal"), at + ".refusal");
        if (refusal != null) {
            parts.add(new Part.Text(refusal));
        }
        var calls = message.path("tool_calls");
        if (!calls.isMissingNode() && !calls.isNull()) {
            array(calls, at + ".tool_calls");
            for (int j = 0; j < calls.size(); j++) {
                toolCall(calls.get(j), at + ".tool_calls[" + j + "]", parts);
            }
        }
        if (!message.path("function_call").isMissingNode() && !message.path("function_call").isNull()) {
            untranslatable.add(at + ".function_call");
        } else if (!message.path("audio").isMissingNode() && !message.path("audio").isNull()) {
            untranslatable.add(at + ".audio");
        } else if (parts.isEmpty() && !content.isTextual() && untranslatable.size() == refusedBefore) {
            throw InvalidRequestException.badRequest(at + ".content",
                    "Invalid '" + at + "': an assistant message needs 'content' unless it has 'tool_calls'.");
        }
        messages.add(new Message(Role.ASSISTANT, parts));
    }

    private void toolCall(JsonNode call, String at, List<Part> parts) {
        object(call, at);
        var type = call.path("type").asText("function");
        if (!"function".equals(type)) {
            untranslatable.add(at + ".type=" + type);
            return;
        }
        var id = string(call.path("id"), at + ".id");
        var function = object(call.path("function"), at + ".function");
        var name = string(function.path("name"), at + ".function.name");
        var arguments = string(function.path("arguments"), at + ".function.arguments");
        parts.add(new Part.ToolCall(id, name, arguments));
    }

    private void toolResult(JsonNode message, String at) {
        var callId = string(message.path("tool_call_id"), at + ".tool_call_id");
        var content = userContent(message.path("content"), at);
        pendingResults.add(new Part.ToolResult(callId, content, false));
    }

    private void flushToolResults() {
        if (!pendingResults.isEmpty()) {
            messages.add(new Message(Role.USER, List.copyOf(pendingResults)));
            pendingResults.clear();
        }
    }

    /** System, developer and assistant content: a string or text parts (assistant's may also be refusals). */
    private static List<Part.Text> texts(JsonNode content, String at) {
        if (content.isTextual()) {
            return List.of(new Part.Text(content.textValue()));
        }
        array(content, at);
        var texts = new ArrayList<Part.Text>(content.size());
        for (int j = 0; j < content.size(); j++) {
            var partAt = at + "[" + j + "]";
            var part = object(content.get(j), partAt);
            var type = string(part.path("type"), partAt + ".type");
            switch (type) {
                case "text" -> texts.add(new Part.Text(string(part.path("text"), partAt + ".text")));
                case "refusal" -> texts.add(new Part.Text(string(part.path("refusal"), partAt + ".refusal")));
                default -> throw InvalidRequestException.badRequest(partAt + ".type",
                        "Invalid value for '" + partAt + ".type': expected 'text'.");
            }
        }
        return texts;
    }

    /** User and tool content: a string or parts of text and images; audio and files have no place in the model. */
    private List<Part> userContent(JsonNode content, String at) {
        var contentAt = at + ".content";
        if (content.isTextual()) {
            return List.of(new Part.Text(content.textValue()));
        }
        array(content, contentAt);
        var parts = new ArrayList<Part>(content.size());
        for (int j = 0; j < content.size(); j++) {
            var partAt = contentAt + "[" + j + "]";
            var part = object(content.get(j), partAt);
            var type = string(part.path("type"), partAt + ".type");
            switch (type) {
                case "text" -> parts.add(new Part.Text(string(part.path("text"), partAt + ".text")));
                case "image_url" -> parts.add(image(part.path("image_url"), partAt + ".image_url"));
                default -> untranslatable.add(partAt + ".type=" + type);
            }
        }
        return parts;
    }

    /** A {@code data:} URL is split into media type and Base64 bytes; {@code detail} is a dropped hint. */
    private static Part.Image image(JsonNode image, String at) {
        var url = string(object(image, at).path("url"), at + ".url");
        if (!url.startsWith("data:")) {
            return new Part.Image(url, null, null);
        }
        int comma = url.indexOf(',');
        int header = comma < 0 ? -1 : url.lastIndexOf(";base64", comma);
        if (header < 0 || header + 7 != comma) {
            throw InvalidRequestException.badRequest(at + ".url",
                    "Invalid '" + at + ".url': a data URL must be of the form data:<media type>;base64,<data>.");
        }
        var mediaType = url.substring(5, header);
        return new Part.Image(null, mediaType.isEmpty() ? null : mediaType, url.substring(comma + 1));
    }
}
