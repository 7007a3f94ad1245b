package io.switchboard.router.provider.openai.responses;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.Reply;
import io.switchboard.router.translate.WireException;

/** Reads a whole {@code response} object into a {@link Reply}. */
final class ResponsesReplyDecoder {

    private final ObjectMapper json;

    ResponsesReplyDecoder(ObjectMapper json) {
        this.json = json;
    }

    Reply decode(byte[] body) {
        JsonNode response;
        try {
            response = json.readTree(body);
        } catch (IOException e) {
            throw new WireException("The Responses answer is not JSON");
        }
        if (response == null || !response.isObject()) {
            throw new WireException("The Responses answer is not a JSON object");
        }
        failIfFailed(response);
        var status = response.path("status").asText("");
        if (!status.equals("completed") && !status.equals("incomplete")) {
            throw new WireException("The Responses answer has status '" + status + "', not a finished one");
        }
        var output = response.get("output");
        if (output == null || !output.isArray()) {
            throw new WireException("The Responses answer has no output list");
        }
        var content = new ArrayList<Part>();
        boolean called = false;
        boolean refused = false;
        for (var item : output) {
            switch (item.path("type").asText("")) {
                case "message" -> refused |= messageParts(item, content);
                case "function_call" -> {
                    called = true;
                    content.add(new Part.ToolCall(item.path("call_id").asText(), item.path("name").asText(),
                            item.path("arguments").asText("")));
                }
                case "custom_tool_call" -> {
                    called = true;
                    content.add(new Part.ToolCall(item.path("call_id").asText(), item.path("name").asText(),
                            ResponsesFreeform.arguments(item.path("input").asText(""))));
                }
                case "reasoning" -> {
                    var text = ResponsesItems.reasoningText(item);
                    var encrypted = ResponsesRequestDecoder.text(item, "encrypted_content");
                    if (!text.isEmpty() || encrypted != null) {
                        content.add(new Part.Reasoning(text, encrypted, ResponsesWire.API));
                    }
                }
                default -> {
                    // items of OpenAI's own tools; the router never offers those tools upstream
                }
            }
        }
        var stop = ResponsesWire.stop(status, response.path("incomplete_details").path("reason").asText(null),
                called, refused);
        return new Reply(response.path("id").asText(""), response.path("model").asText(""), content, stop,
                ResponsesWire.tokens(response.get("usage")));
    }

    /** Adds a message item's text parts; a refusal reads as text. Returns whether the model refused. */
    static boolean messageParts(JsonNode item, List<Part> into) {
        boolean refused = false;
        for (var part : item.path("content")) {
            switch (part.path("type").asText("")) {
                case "output_text" -> into.add(new Part.Text(part.path("text").asText("")));
                case "refusal" -> {
                    refused = true;
                    into.add(new Part.Text(part.path("refusal").asText("")));
                }
                default -> {
                    // nothing else is text
                }
            }
        }
        return refused;
    }

    /** A response that failed (status or error) is the upstream's error inside a 2xx answer. */
    static void failIfFailed(JsonNode response) {
        var error = response.get("error");
        if ("failed".equals(response.path("status").asText()) || (error != null && !error.isNull())) {
            throw new WireException("The Responses upstream failed: " + describe(error));
        }
    }

    static String describe(JsonNode error) {
        if (error == null || error.isNull()) {
            return "no error given";
        }
        return error.path("code").asText("error") + ": " + error.path("message").asText("");
    }
}
