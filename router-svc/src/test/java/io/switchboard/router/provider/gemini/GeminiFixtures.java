package io.switchboard.router.provider.gemini;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Conversation.Message;
import io.switchboard.router.translate.Conversation.OutputFormat;
import io.switchboard.router.translate.Conversation.ReasoningConfig;
import io.switchboard.router.translate.Conversation.ToolChoice;
import io.switchboard.router.translate.Conversation.ToolSpec;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.StreamEvent;
import io.switchboard.router.wire.Fixtures;
import io.vertx.core.buffer.Buffer;

/** The recorded Gemini wire shapes under {@code wire/gemini/} and small builders for the tests. */
final class GeminiFixtures {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private GeminiFixtures() {
    }

    static byte[] bytes(String name) {
        return Fixtures.bytes("gemini", name);
    }

    static JsonNode json(String name) {
        return json(bytes(name));
    }

    static JsonNode json(Buffer body) {
        return json(body.getBytes());
    }

    static JsonNode json(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data of each server-sent event of a recorded stream, as an SSE reader would hand them over. */
    static List<String> sseData(String name) {
        return Fixtures.events(Fixtures.text("gemini", name)).stream().map(Fixtures.Sse::data).toList();
    }

    /** Decodes a whole recorded stream. */
    static List<StreamEvent> stream(GeminiCodec codec, String name) {
        return Fixtures.decode(codec.streamDecoder(), Fixtures.text("gemini", name));
    }

    static Conversation chat(List<Message> messages) {
        return conversation(List.of(), messages, List.of(), null, null, null, null);
    }

    static Conversation conversation(List<Part.Text> system, List<Message> messages, List<ToolSpec> tools,
            ToolChoice choice, OutputFormat output, ReasoningConfig reasoning, Integer maxOutputTokens) {
        return new Conversation(system, messages, tools, choice, null, maxOutputTokens, null, null, List.of(), output,
                reasoning, false, false, List.of());
    }

    static Message user(Part... parts) {
        return new Message(Conversation.Role.USER, List.of(parts));
    }

    static Message assistant(Part... parts) {
        return new Message(Conversation.Role.ASSISTANT, List.of(parts));
    }
}
