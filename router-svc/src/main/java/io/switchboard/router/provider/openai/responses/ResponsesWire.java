package io.switchboard.router.provider.openai.responses;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Tokens;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.StopReason;

/** What the parts of the Responses codec share: the API's names, ids, usage and stop reasons. */
final class ResponsesWire {

    /** The origin of reasoning this API produced; only reasoning of this origin is ever sent back to it. */
    static final String API = UsageEvent.Api.OPENAI_RESPONSES;
    static final String TARGET = "the OpenAI Responses API";

    private ResponsesWire() {
    }

    /** Writes something small as JSON text; a generator over a string cannot fail on I/O. */
    @FunctionalInterface
    interface JsonWriting {

        void write(JsonGenerator g) throws IOException;
    }

    static String write(JsonFactory factory, JsonWriting body) {
        var out = new StringWriter(256);
        try (var g = factory.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** An id in OpenAI's style: the prefix ({@code resp_}, {@code msg_}, ...) and 32 hex digits. */
    static String newId(String prefix) {
        var random = ThreadLocalRandom.current();
        return prefix + hex(random.nextLong()) + hex(random.nextLong());
    }

    private static String hex(long value) {
        var digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }

    /** A usage object's tokens; counts an upstream reports inconsistently are clamped, never trusted blindly. */
    static Tokens tokens(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Tokens.NONE;
        }
        long input = Math.max(0, usage.path("input_tokens").asLong(0));
        long output = Math.max(0, usage.path("output_tokens").asLong(0));
        long cached = clamp(usage.path("input_tokens_details").path("cached_tokens").asLong(0), input);
        long reasoning = clamp(usage.path("output_tokens_details").path("reasoning_tokens").asLong(0), output);
        return new Tokens(input, cached, 0, output, reasoning);
    }

    private static long clamp(long part, long whole) {
        return Math.max(0, Math.min(part, whole));
    }

    static void writeUsage(JsonGenerator g, Tokens usage) throws IOException {
        g.writeObjectFieldStart("usage");
        g.writeNumberField("input_tokens", usage.input());
        g.writeObjectFieldStart("input_tokens_details");
        g.writeNumberField("cached_tokens", usage.cachedInput());
        g.writeEndObject();
        g.writeNumberField("output_tokens", usage.output());
        g.writeObjectFieldStart("output_tokens_details");
        g.writeNumberField("reasoning_tokens", usage.reasoning());
        g.writeEndObject();
        g.writeNumberField("total_tokens", usage.input() + usage.output());
        g.writeEndObject();
    }

    /**
     * Why a response ended. A refusal outranks everything; a cut-off outranks the calls it may have cut; a call means
     * the model waits for its result.
     */
    static StopReason stop(String status, String incompleteReason, boolean calledTool, boolean refused) {
        if (refused || "content_filter".equals(incompleteReason)) {
            return StopReason.CONTENT_FILTER;
        }
        if ("incomplete".equals(status)) {
            return StopReason.MAX_TOKENS;
        }
        return calledTool ? StopReason.TOOL_USE : StopReason.END;
    }

    /** The {@code status} and {@code incomplete_details.reason} a response that stopped so reports. */
    static String status(StopReason stop) {
        return stop == StopReason.MAX_TOKENS || stop == StopReason.CONTENT_FILTER ? "incomplete" : "completed";
    }

    static String incompleteReason(StopReason stop) {
        return switch (stop) {
            case MAX_TOKENS -> "max_output_tokens";
            case CONTENT_FILTER -> "content_filter";
            default -> null;
        };
    }

    /** JSON string escaping without the quotes; escaping is per character, so pieces of a string escape alone. */
    static String escape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    /**
     * Whether reasoning may go to a client or upstream of this API: only OpenAI's own. Reasoning of other vendors is
     * dropped, because a client replays every reasoning item in its next request (Codex does), and OpenAI rejects
     * reasoning items whose encrypted content it did not issue, should that request reach OpenAI.
     */
    static boolean isOwn(Part.Reasoning reasoning) {
        return API.equals(reasoning.origin());
    }
}
