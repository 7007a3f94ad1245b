package io.switchboard.router.provider.openai.chat;

import java.util.List;

import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.StreamDecoder;
import io.switchboard.router.translate.StreamEvent;
import io.switchboard.router.wire.Fixtures;

/** The recorded wire shapes under {@code wire/openai-chat/}, and small helpers to read them. */
final class ChatWire {

    private ChatWire() {
    }

    static byte[] bytes(String name) {
        return Fixtures.bytes("openai-chat", name);
    }

    /** The {@code data:} payloads of a server-sent-events text, in order. */
    static List<String> dataOf(String sse) {
        return Fixtures.events(sse).stream().map(Fixtures.Sse::data).toList();
    }

    static List<StreamEvent> decodeStream(StreamDecoder decoder, String sse) {
        return Fixtures.decode(decoder, sse);
    }

    static String text(String name) {
        return Fixtures.text("openai-chat", name);
    }

    /** A conversation with these messages and nothing else set. */
    static Conversation conversation(List<Conversation.Message> messages) {
        return new Conversation(List.of(), messages, List.of(), null, null, null, null, null, List.of(), null, null,
                false, false, List.of());
    }
}
