package io.switchboard.router.api.openai;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Tokens;

/** Reads the {@code usage} object of an OpenAI chat completion (or of the last chunk of a stream). */
final class OpenAiUsage {

    private OpenAiUsage() {
    }

    /** The tokens of a usage object; counts an upstream reports inconsistently are clamped, never trusted blindly. */
    static Tokens tokens(JsonNode usage) {
        long input = Math.max(0, usage.path("prompt_tokens").asLong(0));
        long output = Math.max(0, usage.path("completion_tokens").asLong(0));
        long cached = clamp(usage.path("prompt_tokens_details").path("cached_tokens").asLong(0), input);
        long reasoning = clamp(usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0), output);
        return new Tokens(input, cached, 0, output, reasoning);
    }

    private static long clamp(long part, long whole) {
        return Math.max(0, Math.min(part, whole));
    }
}
