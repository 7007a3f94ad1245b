package io.switchboard.router.api;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.buffer.Buffer;

/**
 * Cuts a server-sent-events byte stream into whole events (each with its terminating blank line), however the network
 * split it. Bytes are kept as they came.
 */
final class SseEvents {

    private Buffer pending = Buffer.buffer();
    private int scanned;

    /** The events this chunk completes, in order; an incomplete tail waits for the next chunk. */
    List<Buffer> feed(Buffer chunk) {
        pending.appendBuffer(chunk);
        var events = new ArrayList<Buffer>(2);
        int start = 0;
        int length = pending.length();
        for (int i = Math.max(scanned, 0); i < length; i++) {
            if (pending.getByte(i) != '\n') {
                continue;
            }
            int end = -1;
            if (i + 1 < length && pending.getByte(i + 1) == '\n') {
                end = i + 2;
            } else if (i + 2 < length && pending.getByte(i + 1) == '\r' && pending.getByte(i + 2) == '\n') {
                end = i + 3;
            }
            if (end > 0) {
                events.add(pending.slice(start, end).copy());
                start = end;
                i = end - 1;
            }
        }
        if (start > 0) {
            pending = pending.getBuffer(start, length);
        }
        // A separator may straddle chunks: rescan the last two bytes next time.
        scanned = Math.max(0, pending.length() - 2);
        return events;
    }

    /** Whatever arrived after the last complete event. */
    Buffer remainder() {
        return pending;
    }

    /** The concatenated {@code data:} lines of one event. */
    static String data(Buffer event) {
        var text = event.toString();
        var data = new StringBuilder();
        for (var line : text.split("\r?\n")) {
            if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.length() > 5 && line.charAt(5) == ' ' ? line.substring(6) : line.substring(5));
            }
        }
        return data.toString();
    }

    /** The {@code event:} field of one event, or {@code null} when it has none. */
    static String name(Buffer event) {
        if (event.length() < 6 || event.getByte(0) != 'e') {
            return null;
        }
        var text = event.toString();
        if (!text.startsWith("event:")) {
            return null;
        }
        int end = text.indexOf('\n');
        var name = text.substring(6, end < 0 ? text.length() : end).strip();
        return name.isEmpty() ? null : name;
    }
}
