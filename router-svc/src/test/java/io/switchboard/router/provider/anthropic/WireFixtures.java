package io.switchboard.router.provider.anthropic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.switchboard.router.translate.StreamDecoder;
import io.switchboard.router.translate.StreamEvent;

/** The recorded Anthropic wire shapes under {@code wire/anthropic-messages/}, and a reader of their SSE. */
final class WireFixtures {

    record Sse(String event, String data) {
    }

    private WireFixtures() {
    }

    static byte[] bytes(String name) {
        try (var in = WireFixtures.class.getResourceAsStream("/wire/anthropic-messages/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** The events of an SSE text: each one's {@code event:} field and its {@code data:} lines joined. */
    static List<Sse> events(String stream) {
        var out = new ArrayList<Sse>();
        for (var chunk : stream.replace("\r\n", "\n").split("\n\n")) {
            String event = null;
            var data = new StringBuilder();
            for (var line : chunk.split("\n")) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
                }
            }
            if (event != null || !data.isEmpty()) {
                out.add(new Sse(event, data.toString()));
            }
        }
        return out;
    }

    /** Feeds a whole SSE text to a decoder, then ends it. */
    static List<StreamEvent> decode(StreamDecoder decoder, String stream) {
        var out = new ArrayList<StreamEvent>();
        Consumer<StreamEvent> sink = out::add;
        for (var sse : events(stream)) {
            decoder.decode(sse.event(), sse.data(), sink);
        }
        decoder.end(sink);
        return out;
    }
}
