package io.switchboard.router.provider.anthropic;

import java.util.List;

import io.switchboard.router.translate.StreamDecoder;
import io.switchboard.router.translate.StreamEvent;
import io.switchboard.router.wire.Fixtures;

/** The recorded Anthropic wire shapes under {@code wire/anthropic-messages/}, and a reader of their SSE. */
final class WireFixtures {

    record Sse(String event, String data) {
    }

    private WireFixtures() {
    }

    static byte[] bytes(String name) {
        return Fixtures.bytes("anthropic-messages", name);
    }

    static String text(String name) {
        return Fixtures.text("anthropic-messages", name);
    }

    static List<Sse> events(String stream) {
        return Fixtures.events(stream).stream().map(e -> new Sse(e.event(), e.data())).toList();
    }

    /** Feeds a whole SSE text to a decoder, then ends it. */
    static List<StreamEvent> decode(StreamDecoder decoder, String stream) {
        return Fixtures.decode(decoder, stream);
    }
}
