package io.switchboard.router.provider.anthropic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.router.translate.Conversation.Message;
import io.switchboard.router.translate.Conversation.Role;
import io.switchboard.router.translate.InvalidRequestException;
import io.switchboard.router.translate.Part;

/**
 * Reads the system prompt and the turns of a Messages request. Blocks only Anthropic can serve (documents, search
 * results, server tool calls and their results, container uploads, files) are listed as untranslatable by their path,
 * e.g. {@code messages[3].content[0].type=document}. {@code cache_control} and {@code citations} are dropped: they
 * tune Anthropic's cache and annotate text without changing it.
 */
final class MessagesContentDecoder {

    /**
     * Claude Code's first system block is its billing attribution ({@code x-anthropic-billing-header: cc_version=...;
     * cch=...;}), not an instruction. It changes with every request, so keeping it would also spoil the other
     * provider's prompt cache; it is dropped when translating.
     */
    static final String BILLING_HEADER = "x-anthropic-billing-header:";

    List<Part.Text> system(JsonNode system) {
        if (system == null || system.isNull()) {
            return List.of();
        }
        if (system.isTextual()) {
            return instruction(system.asText()).map(List::of).orElse(List.of());
        }
        if (!system.isArray()) {
            throw InvalidRequestException.badRequest("system", "system: Input should be a valid string or list");
        }
        var out = new ArrayList<Part.Text>(system.size());
        for (int i = 0; i < system.size(); i++) {
            var block = system.get(i);
            if (!"text".equals(block.path("type").asText()) || !block.path("text").isTextual()) {
                throw InvalidRequestException.badRequest("system." + i, "system." + i + ": expected a text block");
            }
            instruction(block.get("text").asText()).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Part.Text> instruction(String text) {
        if (!text.startsWith(BILLING_HEADER)) {
            return Optional.of(new Part.Text(text));
        }
        int newline = text.indexOf('\n');
        var rest = newline < 0 ? "" : text.substring(newline + 1);
        return rest.isBlank() ? Optional.empty() : Optional.of(new Part.Text(rest));
    }

    List<Message> messages(JsonNode messages, List<String> untranslatable) {
        var out = new ArrayList<Message>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            var message = messages.get(i);
            var role = switch (message.path("role").asText("")) {
                case "user" -> Role.USER;
                case "assistant" -> Role.ASSISTANT;
                // a mid-conversation system message; Anthropic itself checks where it may stand
                case "system" -> Role.SYSTEM;
                default -> throw InvalidRequestException.badRequest("messages." + i + ".role",
                        "messages." + i + ".role: Input should be 'user', 'assistant' or 'system'");
            };
            var parts = parts(message.get("content"), "messages[" + i + "]", untranslatable);
            if (role == Role.SYSTEM && !parts.stream().allMatch(Part.Text.class::isInstance)) {
                throw InvalidRequestException.badRequest("messages." + i + ".content",
                        "messages." + i + ".content: a system message takes text blocks only");
            }
            out.add(new Message(role, parts));
        }
        return out;
    }

    private List<Part> parts(JsonNode content, String path, List<String> untranslatable) {
        if (content != null && content.isTextual()) {
            return List.of(new Part.Text(content.asText()));
        }
        if (content == null || !content.isArray()) {
            throw InvalidRequestException.badRequest(param(path) + ".content",
                    param(path) + ".content: Input should be a valid string or list");
        }
        var parts = new ArrayList<Part>(content.size());
        for (int j = 0; j < content.size(); j++) {
            var block = content.get(j);
            var at = path + ".content[" + j + "]";
            var type = block.path("type").asText("");
            switch (type) {
                case "text" -> parts.add(new Part.Text(text(block, "text", at)));
                case "image" -> image(block, at, untranslatable, parts);
                case "tool_use" -> parts.add(new Part.ToolCall(text(block, "id", at), text(block, "name", at),
                        block.has("input") ? block.get("input").toString() : "{}"));
                case "tool_result" -> parts.add(toolResult(block, at, untranslatable));
                case "thinking" -> parts.add(MessagesWire.thinking(text(block, "thinking", at),
                        block.path("signature").asText(null)));
                case "redacted_thinking" -> parts.add(MessagesWire.redacted(text(block, "data", at)));
                default -> untranslatable.add(at + ".type=" + type);
            }
        }
        return parts;
    }

    private Part.ToolResult toolResult(JsonNode block, String at, List<String> untranslatable) {
        var id = text(block, "tool_use_id", at);
        var error = block.path("is_error").asBoolean(false);
        var content = block.get("content");
        if (content == null || content.isNull()) {
            return new Part.ToolResult(id, List.of(), error);
        }
        if (content.isTextual()) {
            return new Part.ToolResult(id, List.of(new Part.Text(content.asText())), error);
        }
        if (!content.isArray()) {
            throw InvalidRequestException.badRequest(param(at) + ".content",
                    param(at) + ".content: Input should be a valid string or list");
        }
        var parts = new ArrayList<Part>(content.size());
        for (int k = 0; k < content.size(); k++) {
            var inner = content.get(k);
            var innerAt = at + ".content[" + k + "]";
            var type = inner.path("type").asText("");
            switch (type) {
                case "text" -> parts.add(new Part.Text(text(inner, "text", innerAt)));
                case "image" -> image(inner, innerAt, untranslatable, parts);
                default -> untranslatable.add(innerAt + ".type=" + type);
            }
        }
        return new Part.ToolResult(id, parts, error);
    }

    private static void image(JsonNode block, String at, List<String> untranslatable, List<Part> parts) {
        var source = block.path("source");
        var type = source.path("type").asText("");
        switch (type) {
            case "base64" -> parts.add(new Part.Image(null, text(source, "media_type", at + ".source"),
                    text(source, "data", at + ".source")));
            case "url" -> parts.add(new Part.Image(text(source, "url", at + ".source"), null, null));
            // Files API ids and the like live on Anthropic's side only.
            default -> untranslatable.add(at + ".source.type=" + type);
        }
    }

    private static String text(JsonNode block, String field, String at) {
        var value = block.get(field);
        if (value == null || !value.isTextual()) {
            throw InvalidRequestException.badRequest(param(at) + "." + field, param(at) + "." + field
                    + ": Field required");
        }
        return value.asText();
    }

    /** {@code messages[3].content[0]} as Anthropic names parameters in its errors: {@code messages.3.content.0}. */
    private static String param(String path) {
        var out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '[') {
                out.append('.');
            } else if (c != ']') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
