package io.switchboard.router.provider.openai.chat;

import java.io.IOException;
import java.util.ArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.Reply;
import io.switchboard.router.translate.StopReason;
import io.switchboard.router.translate.WireException;

/** Reads a whole {@code chat.completion} body: the first choice, its stop reason and the usage. */
final class ChatReplyDecoder {

    private final ObjectMapper json;

    ChatReplyDecoder(ObjectMapper json) {
        this.json = json;
    }

    Reply decode(byte[] body) {
        var root = parse(json, body);
        var choice = root.path("choices").path(0);
        if (!choice.isObject()) {
            throw new WireException("a chat completion without choices");
        }
        var message = choice.path("message");
        var content = new ArrayList<Part>(2);
        // vLLM and DeepSeek put visible reasoning here; newer vLLM calls it "reasoning".
        var reasoning = reasoning(message);
        if (!reasoning.isEmpty()) {
            content.add(new Part.Reasoning(reasoning, null, ChatJson.ORIGIN));
        }
        var text = message.path("content");
        if (text.isTextual() && !text.textValue().isEmpty()) {
            content.add(new Part.Text(text.textValue()));
        }
        var refusal = message.path("refusal");
        boolean refused = refusal.isTextual();
        if (refused) {
            content.add(new Part.Text(refusal.textValue()));
        }
        boolean called = false;
        for (var call : message.path("tool_calls")) {
            content.add(toolCall(call));
            called = true;
        }
        var stop = refused
                ? StopReason.CONTENT_FILTER
                : ChatJson.stopReason(choice.path("finish_reason").textValue(), called);
        var usage = root.path("usage");
        return new Reply(root.path("id").asText(null), root.path("model").asText(null), content, stop,
                usage.isObject() ? ChatUsage.tokens(usage) : Tokens.NONE);
    }

    /** A body or stream chunk as a tree; not JSON, not an object, or an upstream error is a {@link WireException}. */
    static JsonNode parse(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new WireException("an OpenAI chat answer that is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new WireException("an OpenAI chat answer that is not a JSON object");
        }
        var error = root.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            var message = error.path("message").asText("");
            throw new WireException("the upstream reported an error" + (message.isEmpty() ? "" : ": " + message));
        }
        return root;
    }

    static String reasoning(JsonNode holder) {
        var reasoning = holder.path("reasoning_content");
        if (!reasoning.isTextual()) {
            reasoning = holder.path("reasoning");
        }
        return reasoning.isTextual() ? reasoning.textValue() : "";
    }

    /** Custom (free-form) calls carry their text as the one argument {@code input}, as the model documents. */
    private Part.ToolCall toolCall(JsonNode call) {
        if ("custom".equals(call.path("type").textValue())) {
            var custom = call.path("custom");
            var arguments = json.createObjectNode().put("input", custom.path("input").asText(""));
            return new Part.ToolCall(call.path("id").asText(""), custom.path("name").asText(""),
                    arguments.toString());
        }
        var function = call.path("function");
        if (!function.path("name").isTextual()) {
            throw new WireException("a chat tool call without a function name");
        }
        return new Part.ToolCall(call.path("id").asText(""), function.path("name").textValue(),
                function.path("arguments").asText(""));
    }
}
