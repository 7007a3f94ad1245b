package io.switchboard.router.provider.gemini;

import java.io.IOException;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.translate.StopReason;
import io.switchboard.router.translate.WireException;

/** What reading a whole reply and reading a stream share: parsing, Gemini's errors, finish reasons, arguments. */
final class GeminiReplyParts {

    /** The origin of reasoning Gemini produced: only this codec sends it back. */
    static final String ORIGIN = "gemini";

    private GeminiReplyParts() {
    }

    /** A {@code GenerateContentResponse}, or a {@link WireException} for anything else, errors Google sent included. */
    static JsonNode response(ObjectMapper mapper, byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw new WireException("Gemini sent a body that is not JSON");
        }
        return check(root);
    }

    static JsonNode response(ObjectMapper mapper, String data) {
        JsonNode root;
        try {
            root = mapper.readTree(data);
        } catch (JsonProcessingException e) {
            throw new WireException("Gemini sent an event that is not JSON");
        }
        return check(root);
    }

    private static JsonNode check(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new WireException("Gemini sent JSON that is not a GenerateContentResponse");
        }
        var error = root.get("error");
        if (error != null) {
            throw new WireException("Gemini reported an error: " + error.path("status").asText("UNKNOWN") + " ("
                    + error.path("code").asText("?") + "): " + error.path("message").asText(""));
        }
        if (!root.has("candidates") && !root.has("promptFeedback") && !root.has("usageMetadata")) {
            throw new WireException("Gemini sent JSON that is not a GenerateContentResponse");
        }
        return root;
    }

    /** Why the model stopped; a turn that called tools waits for them unless it was filtered. */
    static StopReason stop(String finishReason, boolean calledTools) {
        var stop = switch (finishReason == null ? "" : finishReason) {
            case "MAX_TOKENS" -> StopReason.MAX_TOKENS;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "LANGUAGE", "IMAGE_SAFETY",
                    "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" ->
                StopReason.CONTENT_FILTER;
            // STOP (also for a stop sequence: Gemini does not tell them apart), OTHER, MALFORMED_FUNCTION_CALL, ...
            default -> StopReason.END;
        };
        return calledTools && stop != StopReason.CONTENT_FILTER ? StopReason.TOOL_USE : stop;
    }

    /** The block reason of a prompt Gemini refused outright, else {@code null}. */
    static String blockReason(JsonNode root) {
        var reason = root.path("promptFeedback").path("blockReason");
        return reason.isTextual() ? reason.asText() : null;
    }

    /** The first candidate, or a missing node. */
    static JsonNode candidate(JsonNode root) {
        return root.path("candidates").path(0);
    }

    static String responseId(JsonNode root) {
        var id = root.path("responseId");
        return id.isTextual() && !id.asText().isEmpty() ? id.asText() : "gemini-" + UUID.randomUUID();
    }

    static String model(JsonNode root) {
        return root.path("modelVersion").asText("gemini");
    }

    static String signature(JsonNode part) {
        var signature = part.path("thoughtSignature");
        return signature.isTextual() && !signature.asText().isEmpty() ? signature.asText() : null;
    }

    /** A function call's arguments as JSON text; Gemini sends an object or nothing. */
    static String arguments(ObjectMapper mapper, JsonNode call) {
        var args = call.get("args");
        if (args == null || args.isNull()) {
            return "{}";
        }
        try {
            return mapper.writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new WireException("Gemini sent function arguments that cannot be written back as JSON");
        }
    }

    static String callId(JsonNode call, String responseId, int ordinal, String signature) {
        var id = call.path("id");
        return GeminiCallIds.issue(id.isTextual() ? id.asText() : null, responseId, ordinal, signature);
    }
}
