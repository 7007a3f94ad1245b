package io.switchboard.router.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Tokens;

/**
 * Reads Gemini's {@code usageMetadata} as {@link Tokens}.
 *
 * <p>
 * Gemini counts thoughts apart from the answer ({@code candidatesTokenCount} excludes {@code thoughtsTokenCount}),
 * while {@link Tokens#output()} counts every generated token, so output is their sum and reasoning the thoughts.
 * {@code promptTokenCount} already includes the cached tokens; {@code toolUsePromptTokenCount} (prompts of Google's
 * built-in tools, billed as input) is added to it.
 */
public final class GeminiUsage {

    private GeminiUsage() {
    }

    /** The tokens of a {@code usageMetadata} object; {@link Tokens#NONE} when absent. */
    public static Tokens tokens(JsonNode usageMetadata) {
        if (usageMetadata == null || !usageMetadata.isObject()) {
            return Tokens.NONE;
        }
        long input = count(usageMetadata, "promptTokenCount") + count(usageMetadata, "toolUsePromptTokenCount");
        long cached = Math.min(count(usageMetadata, "cachedContentTokenCount"), input);
        long thoughts = count(usageMetadata, "thoughtsTokenCount");
        long output = count(usageMetadata, "candidatesTokenCount") + thoughts;
        return new Tokens(input, cached, 0, output, thoughts);
    }

    /** The tokens of a whole {@code GenerateContentResponse} (or of a stream chunk). */
    public static Tokens ofResponse(JsonNode response) {
        return tokens(response == null ? null : response.get("usageMetadata"));
    }

    private static long count(JsonNode usage, String field) {
        return Math.max(0, usage.path(field).asLong(0));
    }
}
