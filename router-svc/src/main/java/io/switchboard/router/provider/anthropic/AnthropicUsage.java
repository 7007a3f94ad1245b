package io.switchboard.router.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.Tokens;

/**
 * Reads and writes the {@code usage} object of the Anthropic Messages API: a whole message's, a stream's
 * {@code message_start} and its {@code message_delta} (whose counts are cumulative). Anthropic reports the prompt in
 * three disjoint parts ({@code input_tokens} is only the uncached part), so {@link Tokens#input()} is their sum. It
 * reports no separate reasoning count, so {@link Tokens#reasoning()} is 0.
 */
public final class AnthropicUsage {

    private AnthropicUsage() {
    }

    /** The tokens of a usage object; a missing or negative count reads as 0. */
    public static Tokens tokens(JsonNode usage) {
        long uncached = count(usage, "input_tokens");
        long written = count(usage, "cache_creation_input_tokens");
        long read = count(usage, "cache_read_input_tokens");
        return new Tokens(uncached + written + read, read, written, count(usage, "output_tokens"), 0);
    }

    /**
     * The usage of a stream so far: {@code known} (from {@code message_start}) updated by a {@code message_delta}'s
     * usage. The delta's counts are cumulative and replace the known ones; the input counts only when it has them.
     */
    public static Tokens update(Tokens known, JsonNode delta) {
        if (delta == null || !delta.isObject()) {
            return known;
        }
        long output = delta.hasNonNull("output_tokens") ? count(delta, "output_tokens") : known.output();
        boolean hasInput = delta.hasNonNull("input_tokens") || delta.hasNonNull("cache_creation_input_tokens")
                || delta.hasNonNull("cache_read_input_tokens");
        if (!hasInput) {
            return new Tokens(known.input(), known.cachedInput(), known.cacheWrite(), output, 0);
        }
        long uncached = delta.hasNonNull("input_tokens") ? count(delta, "input_tokens") : known.uncachedInput();
        long written = delta.hasNonNull("cache_creation_input_tokens")
                ? count(delta, "cache_creation_input_tokens")
                : known.cacheWrite();
        long read = delta.hasNonNull("cache_read_input_tokens")
                ? count(delta, "cache_read_input_tokens")
                : known.cachedInput();
        return new Tokens(uncached + written + read, read, written, output, 0);
    }

    /** Writes {@code tokens} as a usage object, the prompt split back into Anthropic's three parts. */
    static ObjectNode write(ObjectNode usage, Tokens tokens) {
        var t = tokens == null ? Tokens.NONE : tokens;
        return usage.put("input_tokens", t.uncachedInput())
                .put("cache_creation_input_tokens", t.cacheWrite())
                .put("cache_read_input_tokens", t.cachedInput())
                .put("output_tokens", t.output());
    }

    private static long count(JsonNode usage, String field) {
        return Math.max(0, usage.path(field).asLong(0));
    }
}
