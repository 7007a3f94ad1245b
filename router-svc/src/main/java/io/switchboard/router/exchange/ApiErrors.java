package io.switchboard.router.exchange;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.switchboard.router.translate.InvalidRequestException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Errors in the shape the clients of one inbound API parse, as a response body and as the last event of a stream. */
public interface ApiErrors {

    /**
     * @param code a machine-readable code (e.g. {@code model_not_found}), or {@code null}
     * @param param the request parameter at fault, or {@code null}
     */
    Buffer body(int status, String code, String param, String message);

    /** An error as the last event of a stream that has already started. */
    Buffer streamEvent(int status, String code, String message);

    default void send(RoutingContext ctx, int status, String code, String param, String message) {
        if (ctx.response().headWritten()) {
            ctx.response().end();
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body(status, code, param, message));
    }

    default void send(RoutingContext ctx, InvalidRequestException e) {
        send(ctx, e.status(), e.code(), e.param(), e.getMessage());
    }

    /** A JSON string literal, or {@code null}. */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
