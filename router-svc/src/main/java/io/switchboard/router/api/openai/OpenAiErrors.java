package io.switchboard.router.api.openai;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.switchboard.router.api.InvalidRequestException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Errors in the shape OpenAI clients parse: {@code {"error":{"message","type","param","code"}}}. */
public final class OpenAiErrors {

    private OpenAiErrors() {
    }

    public static void send(RoutingContext ctx, int status, String type, String code, String message) {
        if (ctx.response().headWritten()) {
            ctx.response().end();
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body(type, code, null, message));
    }

    public static void invalidRequest(RoutingContext ctx, InvalidRequestException e) {
        ctx.response()
                .setStatusCode(e.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body("invalid_request_error", e.code(), e.param(), e.getMessage()));
    }

    public static Buffer body(String type, String code, String param, String message) {
        return Buffer.buffer("{\"error\":{\"message\":" + quote(message) + ",\"type\":" + quote(type) + ",\"param\":"
                + quote(param) + ",\"code\":" + quote(code) + "}}");
    }

    /** An error as the last event of a stream that has already started. */
    public static Buffer streamEvent(String type, String code, String message) {
        return Buffer.buffer("data: ").appendBuffer(body(type, code, null, message)).appendString("\n\n");
    }

    private static String quote(String text) {
        if (text == null) {
            return "null";
        }
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
