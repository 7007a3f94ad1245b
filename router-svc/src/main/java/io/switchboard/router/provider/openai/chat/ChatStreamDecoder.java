package io.switchboard.router.provider.openai.chat;

import java.nio.charset.StandardCharsets;
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
 * Reads {@code chat.completion.chunk} events. Chat has no blocks, so they are inferred: a block opens when the kind of
 * delta changes (text, reasoning, or a tool call of another index) and closes when the next opens or the choice
 * finishes. The usage comes after the finish, in a chunk without choices; {@link StreamEvent.Finished} waits for it,
 * or for {@code [DONE]} or the end of the stream when the upstream sends none.
 */
final class ChatStreamDecoder implements StreamDecoder {

    private enum Open {
        NONE, TEXT, REASONING, TOOL
    }

    private final ObjectMapper json;

    private boolean started;
    private Open open = Open.NONE;
    private int blocks;
    private int toolIndex = -1;
    private String toolId;
    private boolean called;
    private boolean refused;
    private String finishReason;
    private Tokens usage;
    private boolean finished;
    private boolean usageOnly;

    ChatStreamDecoder(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void decode(String event, String data, Consumer<StreamEvent> out) {
        usageOnly = false;
        if (finished) {
            return;
        }
        if ("[DONE]".equals(data.strip())) {
            end(out);
            return;
        }
        var chunk = ChatReplyDecoder.parse(json, data.getBytes(StandardCharsets.UTF_8));
        if (!started) {
            started = true;
            out.accept(new StreamEvent.Started(chunk.path("id").asText(null), chunk.path("model").asText(null),
                    Tokens.NONE));
        }
        var choices = chunk.path("choices");
        // Only the first choice: the encoder never asks for more.
        var choice = choices.path(0);
        if (choice.isObject() && choice.path("index").asInt(0) == 0) {
            delta(choice.path("delta"), out);
            var reason = choice.path("finish_reason");
            if (reason.isTextual() && finishReason == null) {
                finishReason = reason.textValue();
                close(out);
            }
        }
        var reported = chunk.path("usage");
        if (reported.isObject()) {
            usage = ChatUsage.tokens(reported);
            // Servers that report usage on every chunk finish with a usage-only chunk too: that is the one to wait for.
            if (finishReason != null && choices.isEmpty()) {
                usageOnly = true;
                finish(out);
            }
        }
    }

    @Override
    public boolean usageOnly() {
        return usageOnly;
    }

    @Override
    public void end(Consumer<StreamEvent> out) {
        if (finished) {
            return;
        }
        if (finishReason == null) {
            throw new WireException("the OpenAI chat stream ended before its answer did");
        }
        finish(out);
    }

    private void delta(JsonNode delta, Consumer<StreamEvent> out) {
        if (!delta.isObject()) {
            return;
        }
        var reasoning = ChatReplyDecoder.reasoning(delta);
        if (!reasoning.isEmpty()) {
            text(Open.REASONING, reasoning, out);
        }
        var content = delta.path("content");
        if (content.isTextual() && !content.textValue().isEmpty()) {
            text(Open.TEXT, content.textValue(), out);
        }
        var refusal = delta.path("refusal");
        if (refusal.isTextual() && !refusal.textValue().isEmpty()) {
            refused = true;
            text(Open.TEXT, refusal.textValue(), out);
        }
        for (var call : delta.path("tool_calls")) {
            toolCall(call, out);
        }
    }

    private void text(Open kind, String text, Consumer<StreamEvent> out) {
        if (open != kind) {
            close(out);
            open = kind;
            out.accept(new StreamEvent.BlockStarted(blocks,
                    kind == Open.TEXT ? new Part.Text("") : new Part.Reasoning("", null, ChatJson.ORIGIN)));
        }
        out.accept(new StreamEvent.Delta(blocks, text));
    }

    /**
     * A call's first delta has its id and name, the next ones only argument fragments under the same index. Some
     * servers omit the index and send each call whole: a new id then starts a new call.
     */
    private void toolCall(JsonNode call, Consumer<StreamEvent> out) {
        var id = call.path("id");
        int index = call.path("index").asInt(toolIndex < 0 ? 0 : toolIndex);
        boolean fresh = open != Open.TOOL || index != toolIndex
                || id.isTextual() && !id.textValue().isEmpty() && !id.textValue().equals(toolId);
        var function = call.path("function");
        if (fresh) {
            if (open == Open.TOOL && index < toolIndex) {
                throw new WireException("an OpenAI chat stream went back to an earlier tool call");
            }
            var name = function.path("name");
            if (!id.isTextual() || !name.isTextual()) {
                throw new WireException("an OpenAI chat stream began a tool call without its id and name");
            }
            close(out);
            open = Open.TOOL;
            toolIndex = index;
            toolId = id.textValue();
            called = true;
            out.accept(new StreamEvent.BlockStarted(blocks, new Part.ToolCall(toolId, name.textValue(), "")));
        }
        var arguments = function.path("arguments");
        if (arguments.isTextual() && !arguments.textValue().isEmpty()) {
            out.accept(new StreamEvent.Delta(blocks, arguments.textValue()));
        }
    }

    private void close(Consumer<StreamEvent> out) {
        if (open != Open.NONE) {
            out.accept(new StreamEvent.BlockStopped(blocks, null));
            blocks++;
            open = Open.NONE;
        }
    }

    private void finish(Consumer<StreamEvent> out) {
        close(out);
        finished = true;
        var stop = refused ? StopReason.CONTENT_FILTER : ChatJson.stopReason(finishReason, called);
        out.accept(new StreamEvent.Finished(stop, usage == null ? Tokens.NONE : usage));
    }
}
