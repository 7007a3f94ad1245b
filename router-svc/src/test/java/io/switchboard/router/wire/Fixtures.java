package io.switchboard.router.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.switchboard.router.translate.StreamDecoder;
import io.switchboard.router.translate.StreamEvent;

/** The recorded wire shapes under {@code wire/<api>/}, and the server-sent events of a recorded stream. */
public final class Fixtures {

    private Fixtures() {
    }

    /** One server-sent event: its {@code event:} field ({@code null} when none) and its data lines joined. */
    public record Sse(String event, String data) {
    }

    public static byte[] bytes(String api, String name) {
        try (var in = Fixtures.class.getResourceAsStream("/wire/" + api + "/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture wire/" + api + "/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String api, String name) {
        return new String(bytes(api, name), StandardCharsets.UTF_8);
    }

    /** Splits an SSE text into its events, as a client reads them; events without data are left out. */
    public static List<Sse> events(String stream) {
        var events = new ArrayList<Sse>();
        for (var block : stream.replace("\r\n", "\n").split("\n\n")) {
            String event = null;
            var data = new StringBuilder();
            for (var line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.length() > 5 && line.charAt(5) == ' ' ? line.substring(6) : line.substring(5));
                }
            }
            if (!data.isEmpty()) {
                events.add(new Sse(event, data.toString()));
            }
        }
        return events;
    }

    /** Feeds a whole SSE text to a decoder, then ends it. */
    public static List<StreamEvent> decode(StreamDecoder decoder, String stream) {
        var out = new ArrayList<StreamEvent>();
        for (var sse : events(stream)) {
            decoder.decode(sse.event(), sse.data(), out::add);
        }
        decoder.end(out::add);
        return out;
    }
}
