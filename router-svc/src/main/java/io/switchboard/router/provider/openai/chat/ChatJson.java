package io.switchboard.router.provider.openai.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;

import io.switchboard.router.translate.BufferOutput;
import io.switchboard.router.translate.StopReason;
import io.vertx.core.buffer.Buffer;

/** What the chat codec's readers and writers share: streaming JSON output, ids and finish reasons. */
final class ChatJson {

    static final String API = "the OpenAI Chat Completions API";
    static final String ORIGIN = "openai.chat";

    private ChatJson() {
    }

    /** Writes one JSON value with a streaming generator. */
    @FunctionalInterface
    interface Writer {

        void write(JsonGenerator out) throws IOException;
    }

    /** The JSON written straight into a buffer, without an intermediate tree or byte array. */
    static Buffer buffer(JsonFactory factory, int sizeHint, Writer writer) {
        var buffer = Buffer.buffer(sizeHint);
        try (var out = factory.createGenerator(new BufferOutput(buffer))) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return buffer;
    }

    /** The JSON as text, for one server-sent event's data line. */
    static String string(JsonFactory factory, Writer writer) {
        var text = new SegmentedStringWriter(new BufferRecycler());
        try {
            try (var out = factory.createGenerator(text)) {
                writer.write(out);
            }
            return text.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    /** A {@code chatcmpl-} id for an answer from any API, stable for the same upstream id. */
    static String completionId(String upstreamId) {
        if (upstreamId == null || upstreamId.isEmpty()) {
            return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        }
        return upstreamId.startsWith("chatcmpl-") ? upstreamId : "chatcmpl-" + upstreamId;
    }

    /**
     * Chat does not tell a stop sequence from a natural end. Some OpenAI-compatible servers say {@code stop} after tool
     * calls: the calls decide.
     */
    static StopReason stopReason(String finishReason, boolean calledTools) {
        if (finishReason == null) {
            return calledTools ? StopReason.TOOL_USE : StopReason.END;
        }
        return switch (finishReason) {
            case "length" -> StopReason.MAX_TOKENS;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "content_filter" -> StopReason.CONTENT_FILTER;
            default -> calledTools ? StopReason.TOOL_USE : StopReason.END;
        };
    }

    static String finishReason(StopReason stop) {
        return switch (stop) {
            case END, STOP_SEQUENCE -> "stop";
            case MAX_TOKENS -> "length";
            case TOOL_USE -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }
}
