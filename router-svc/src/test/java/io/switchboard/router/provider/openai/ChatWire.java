package io.switchboard.router.provider.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.StreamDecoder;
import io.switchboard.router.translate.StreamEvent;

/** The recorded wire shapes under {@code wire/openai-chat/}, and small helpers to read them. */
final class ChatWire {

    private ChatWire() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = ChatWire.class.getResourceAsStream("/wire/openai-chat/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code data:} payloads of a server-sent-events text, in order. */
    static List<String> dataOf(String sse) {
        var data = new ArrayList<String>();
        for (var event : sse.split("\n\n")) {
            if (event.startsWith("data: ")) {
                data.add(event.substring(6));
            }
        }
        return data;
    }

    static List<StreamEvent> decodeStream(StreamDecoder decoder, String sse) {
        var events = new ArrayList<StreamEvent>();
        Consumer<StreamEvent> out = events::add;
        for (var data : dataOf(sse)) {
            decoder.decode(null, data, out);
        }
        decoder.end(out);
        return events;
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** A conversation with these messages and nothing else set. */
    static Conversation conversation(List<Conversation.Message> messages) {
        return new Conversation(List.of(), messages, List.of(), null, null, null, null, null, List.of(), null, null,
                false, false, List.of());
    }
}
