package io.switchboard.router.provider.openai.responses;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.router.translate.StreamDecoder;
import io.switchboard.router.translate.StreamEvent;
import io.switchboard.router.wire.Fixtures;

/** The recorded Responses wire shapes under {@code wire/openai-responses/}, and a reader of server-sent events. */
final class ResponsesFixtures {

    private ResponsesFixtures() {
    }

    /** One server-sent event: its {@code event:} field and its data. */
    record Frame(String event, String data) {
    }

    static byte[] bytes(String name) {
        return Fixtures.bytes("openai-responses", name);
    }

    static String text(String name) {
        return Fixtures.text("openai-responses", name);
    }

    /** Splits SSE text into events, as a client would read it. */
    static List<Frame> frames(String sse) {
        return Fixtures.events(sse).stream().map(e -> new Frame(e.event(), e.data())).toList();
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
