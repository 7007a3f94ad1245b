package io.switchboard.router.provider.openai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.switchboard.router.translate.StreamDecoder;
import io.switchboard.router.translate.StreamEvent;

/** The recorded Responses wire shapes under {@code wire/openai-responses/}, and a reader of server-sent events. */
final class ResponsesFixtures {

    private ResponsesFixtures() {
    }

    /** One server-sent event: its {@code event:} field and its data. */
    record Frame(String event, String data) {
    }

    static byte[] bytes(String name) {
        try (var in = ResponsesFixtures.class.getResourceAsStream("/wire/openai-responses/" + name)) {
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

    /** Splits SSE text into events, as a client would read it. */
    static List<Frame> frames(String sse) {
        var frames = new ArrayList<Frame>();
        for (var block : sse.split("\n\n")) {
            if (block.isBlank()) {
                continue;
            }
            String event = null;
            var data = new StringBuilder();
            for (var line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(6));
                }
            }
            frames.add(new Frame(event, data.toString()));
        }
        return frames;
    }

    /** Feeds every frame to the decoder, then the end of the stream. */
    static List<StreamEvent> decodeAll(StreamDecoder decoder, List<Frame> frames) {
        var events = new ArrayList<StreamEvent>();
        for (var frame : frames) {
            decoder.decode(frame.event(), frame.data(), events::add);
        }
        decoder.end(events::add);
        return events;
    }
}
