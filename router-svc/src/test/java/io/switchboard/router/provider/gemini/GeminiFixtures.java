package io.switchboard.router.provider.gemini;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import io.vertx.core.buffer.Buffer;

/** The recorded Gemini wire shapes under {@code wire/gemini/} and small builders for the tests. */
final class GeminiFixtures {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private GeminiFixtures() {
    }

    static byte[] bytes(String name) {
        try (var in = GeminiFixtures.class.getResourceAsStream("/wire/gemini/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        var text = new String(bytes(name), StandardCharsets.UTF_8).replace("\r\n", "\n");
        var data = new ArrayList<String>();
        for (var event : text.split("\n\n")) {
            var lines = new StringBuilder();
            for (var line : event.split("\n")) {
                if (line.startsWith("data:")) {
                    lines.append(lines.length() == 0 ? "" : "\n").append(line.substring(5).stripLeading());
                }
            }
            if (lines.length() > 0) {
                data.add(lines.toString());
            }
        }
        return data;
    }

    /** Decodes a whole recorded stream. */
    static List<StreamEvent> stream(GeminiCodec codec, String name) {
        var decoder = codec.streamDecoder();
        var events = new ArrayList<StreamEvent>();
        for (var data : sseData(name)) {
            decoder.decode(null, data, events::add);
        }
        decoder.end(events::add);
        return events;
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
