package io.switchboard.router.provider.gemini;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.Reply;
import io.switchboard.router.translate.StopReason;
import io.switchboard.router.translate.WireException;

/**
 * Reads a whole {@code generateContent} response. Thoughts become reasoning; a text part's signature becomes an empty
 * reasoning part just before it (the encoder puts it back on that text); a function call's signature goes into the
 * call's id. Parts the model has no place for (code execution, generated media) are dropped.
 */
final class GeminiReplyDecoder {

    private final ObjectMapper mapper;

    GeminiReplyDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Reply decode(byte[] body) {
        var root = GeminiReplyParts.response(mapper, body);
        var id = GeminiReplyParts.responseId(root);
        var model = GeminiReplyParts.model(root);
        var usage = GeminiUsage.ofResponse(root);
        var candidate = GeminiReplyParts.candidate(root);
        if (candidate.isMissingNode()) {
            if (GeminiReplyParts.blockReason(root) != null) {
                return new Reply(id, model, List.of(), StopReason.CONTENT_FILTER, usage);
            }
            throw new WireException("Gemini sent a response with neither a candidate nor a block reason");
        }
        var content = new ArrayList<Part>();
        int calls = 0;
        for (var part : candidate.path("content").path("parts")) {
            var signature = GeminiReplyParts.signature(part);
            var call = part.get("functionCall");
            if (call != null) {
                var name = call.path("name").asText("");
                content.add(new Part.ToolCall(GeminiReplyParts.callId(call, id, calls++, signature), name,
                        GeminiReplyParts.arguments(mapper, call)));
            } else if (part.path("thought").asBoolean(false)) {
                content.add(new Part.Reasoning(part.path("text").asText(""), signature, GeminiReplyParts.ORIGIN));
            } else if (part.has("text")) {
                if (signature != null) {
                    content.add(new Part.Reasoning("", signature, GeminiReplyParts.ORIGIN));
                }
                var text = part.path("text").asText("");
                if (!text.isEmpty()) {
                    content.add(new Part.Text(text));
                }
            }
        }
        var stop = GeminiReplyParts.stop(candidate.path("finishReason").asText(null), calls > 0);
        return new Reply(id, model, content, stop, usage);
    }
}
