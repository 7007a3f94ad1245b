package io.switchboard.router.exchange;

import static io.switchboard.router.exchange.ApiErrors.quote;

import io.vertx.core.buffer.Buffer;

/**
 * Errors in the shape OpenAI clients parse: {@code {"error":{"message","type","param","code"}}}. In a chat-completions
 * stream the error is a data-only event; in a Responses stream, an {@code error} event.
 */
public final class OpenAiErrors implements ApiErrors {

    public static final OpenAiErrors CHAT = new OpenAiErrors(false);
    public static final OpenAiErrors RESPONSES = new OpenAiErrors(true);

    private final boolean namedStreamEvents;

    private OpenAiErrors(boolean namedStreamEvents) {
        this.namedStreamEvents = namedStreamEvents;
    }

    @Override
    public Buffer body(int status, String code, String param, String message) {
        return Buffer.buffer("{\"error\":{\"message\":" + quote(message) + ",\"type\":" + quote(type(status))
                + ",\"param\":" + quote(param) + ",\"code\":" + quote(code) + "}}");
    }

    @Override
    public Buffer streamEvent(int status, String code, String message) {
        if (namedStreamEvents) {
            return Buffer.buffer("event: error\ndata: {\"type\":\"error\",\"code\":" + quote(code) + ",\"message\":"
                    + quote(message) + ",\"param\":null}\n\n");
        }
        return Buffer.buffer("data: ").appendBuffer(body(status, code, null, message)).appendString("\n\n");
    }

    private static String type(int status) {
        return switch (status) {
            case 401 -> "invalid_request_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
