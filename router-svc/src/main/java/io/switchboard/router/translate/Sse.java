package io.switchboard.router.translate;

import io.vertx.core.buffer.Buffer;

/** Writes server-sent events. */
public final class Sse {

    private Sse() {
    }

    /** One event with a name (the {@code event:} field) and one line of data. */
    public static Buffer event(String name, String data) {
        return Buffer.buffer(name.length() + data.length() + 16)
                .appendString("event: ").appendString(name)
                .appendString("\ndata: ").appendString(data).appendString("\n\n");
    }

    /** One unnamed event with one line of data. */
    public static Buffer data(String data) {
        return Buffer.buffer(data.length() + 8).appendString("data: ").appendString(data).appendString("\n\n");
    }
}
