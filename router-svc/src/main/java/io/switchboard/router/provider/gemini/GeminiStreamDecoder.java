package io.switchboard.router.provider.gemini;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.StopReason;
import io.switchboard.router.translate.StreamDecoder;
import io.switchboard.router.translate.StreamEvent;
import io.switchboard.router.translate.WireException;

/**
 * Reads {@code streamGenerateContent?alt=sse}: data-only events, each a {@code GenerateContentResponse} with the next
 * parts. Consecutive text chunks make one text block, consecutive thought chunks one reasoning block (closed with its
 * signature when one comes); a function call arrives whole and makes a block of its own. Usage comes with most
 * chunks, so {@link StreamEvent.Finished} waits for the end of the stream and carries the last one.
 */
final class GeminiStreamDecoder implements StreamDecoder {

    private enum Block {
        NONE, TEXT, REASONING
    }

    private final ObjectMapper mapper;
    private String responseId;
    private Block open = Block.NONE;
    private int openIndex;
    private int nextIndex;
    private int calls;
    private String finishReason;
    private boolean blocked;
    private boolean finished;
    private Tokens usage = Tokens.NONE;

    GeminiStreamDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void decode(String event, String data, Consumer<StreamEvent> out) {
        if (data == null || data.isBlank()) {
            return;
        }
        var root = GeminiReplyParts.response(mapper, data);
        if (responseId == null) {
            responseId = GeminiReplyParts.responseId(root);
            out.accept(new StreamEvent.Started(responseId, GeminiReplyParts.model(root), GeminiUsage.ofResponse(root)));
        }
        if (root.has("usageMetadata")) {
            usage = GeminiUsage.ofResponse(root);
        }
        blocked |= GeminiReplyParts.blockReason(root) != null;
        var candidate = GeminiReplyParts.candidate(root);
        for (var part : candidate.path("content").path("parts")) {
            read(part, out);
        }
        var reason = candidate.path("finishReason");
        if (reason.isTextual()) {
            finishReason = reason.asText();
            close(out, null);
        }
    }

    @Override
    public void end(Consumer<StreamEvent> out) {
        if (finished) {
            return;
        }
        if (responseId == null || finishReason == null && !blocked) {
            throw new WireException("Gemini's stream ended before its answer did");
        }
        close(out, null);
        finished = true;
        var stop = finishReason == null ? StopReason.CONTENT_FILTER : GeminiReplyParts.stop(finishReason, calls > 0);
        out.accept(new StreamEvent.Finished(stop, usage));
    }

    private void read(JsonNode part, Consumer<StreamEvent> out) {
        var signature = GeminiReplyParts.signature(part);
        var call = part.get("functionCall");
        if (call != null) {
            close(out, null);
            int index = nextIndex++;
            var id = GeminiReplyParts.callId(call, responseId, calls++, signature);
            out.accept(new StreamEvent.BlockStarted(index, new Part.ToolCall(id, call.path("name").asText(""), "")));
            out.accept(new StreamEvent.Delta(index, GeminiReplyParts.arguments(mapper, call)));
            out.accept(new StreamEvent.BlockStopped(index, null));
            return;
        }
        if (!part.has("text")) {
            return; // code execution, generated media: no place for them in the model
        }
        var text = part.path("text").asText("");
        if (part.path("thought").asBoolean(false)) {
            openBlock(Block.REASONING, out);
            if (!text.isEmpty()) {
                out.accept(new StreamEvent.Delta(openIndex, text));
            }
            if (signature != null) {
                close(out, signature);
            }
            return;
        }
        if (signature != null) {
            // a signed text part: the signature travels as an empty reasoning block next to the text
            close(out, null);
            openBlock(Block.REASONING, out);
            close(out, signature);
        }
        if (!text.isEmpty()) {
            openBlock(Block.TEXT, out);
            out.accept(new StreamEvent.Delta(openIndex, text));
        }
    }

    private void openBlock(Block kind, Consumer<StreamEvent> out) {
        if (open == kind) {
            return;
        }
        close(out, null);
        open = kind;
        openIndex = nextIndex++;
        Part block = kind == Block.TEXT ? new Part.Text("") : new Part.Reasoning("", null, GeminiReplyParts.ORIGIN);
        out.accept(new StreamEvent.BlockStarted(openIndex, block));
    }

    private void close(Consumer<StreamEvent> out, String signature) {
        if (open != Block.NONE) {
            out.accept(new StreamEvent.BlockStopped(openIndex, signature));
            open = Block.NONE;
        }
    }
}
