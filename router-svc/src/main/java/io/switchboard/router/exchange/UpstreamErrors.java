package io.switchboard.router.exchange;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;

/** Reads the message out of an upstream's error body, whichever vendor wrote it. */
final class UpstreamErrors {

    private static final int MAX_LENGTH = 500;

    private UpstreamErrors() {
    }

    /**
     * The {@code error.message} of OpenAI, Anthropic and Gemini error bodies (or a top-level {@code message}); a
     * generic text when the body has none.
     */
    static String message(Buffer body, ObjectMapper json) {
        try {
            var tree = json.readTree(body.getBytes());
            var message = tree.path("error").path("message");
            if (!message.isTextual()) {
                message = tree.path("message");
            }
            if (message.isTextual() && !message.asText().isBlank()) {
                var text = message.asText();
                return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text;
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through to the generic text
        }
        return "no reason given";
    }
}
