package io.switchboard.router.exchange;

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

    /**
     * One event's fields, read in one pass.
     *
     * @param name its {@code event:} field, {@code null} when it has none
     * @param data its {@code data:} lines joined by newlines, empty when it has none
     */
    record Fields(String name, String data) {
    }

    static Fields read(Buffer event) {
        String name = null;
        var data = new StringBuilder();
        for (var line : event.toString().split("\r?\n")) {
            if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(value(line, 5));
            } else if (line.startsWith("event:")) {
                var value = value(line, 6).strip();
                name = value.isEmpty() ? null : value;
            }
        }
        return new Fields(name, data.toString());
    }

    /** A field's value: the line after its name and colon, less one leading space. */
    private static String value(String line, int colonEnd) {
        return line.length() > colonEnd && line.charAt(colonEnd) == ' '
                ? line.substring(colonEnd + 1)
                : line.substring(colonEnd);
    }
}
