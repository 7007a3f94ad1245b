package io.switchboard.router.exchange;

import static io.switchboard.router.exchange.ApiErrors.quote;

import io.vertx.core.buffer.Buffer;

/**
 * Errors in the shape Anthropic clients parse: {@code {"type":"error","error":{"type","message"}}}, the same body as
 * an {@code error} event in a stream. Anthropic errors carry no code or parameter: they are folded into the message.
 */
public final class AnthropicErrors implements ApiErrors {

    public static final AnthropicErrors INSTANCE = new AnthropicErrors();

    private AnthropicErrors() {
    }

    @Override
    public Buffer body(int status, String code, String param, String message) {
        // the decoders already word their messages as Anthropic does, the parameter first
        var text = param == null || message.startsWith(param + ":") ? message : param + ": " + message;
        return Buffer.buffer("{\"type\":\"error\",\"error\":{\"type\":" + quote(type(status)) + ",\"message\":"
                + quote(text) + "}}");
    }

    @Override
    public Buffer streamEvent(int status, String code, String message) {
        return Buffer.buffer("event: error\ndata: ").appendBuffer(body(status, code, null, message))
                .appendString("\n\n");
    }

    private static String type(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
