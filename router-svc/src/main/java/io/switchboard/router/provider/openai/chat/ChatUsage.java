package io.switchboard.router.provider.openai.chat;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.WireException;

/** Reads and writes the {@code usage} object of an OpenAI chat completion (or of the last chunk of a stream). */
public final class ChatUsage {

    private ChatUsage() {
    }

    /** The tokens of a usage object; counts an upstream reports inconsistently are clamped, never trusted blindly. */
    public static Tokens tokens(JsonNode usage) {
        long input = Math.max(0, usage.path("prompt_tokens").asLong(0));
        long output = Math.max(0, usage.path("completion_tokens").asLong(0));
        long cached = clamp(usage.path("prompt_tokens_details").path("cached_tokens").asLong(0), input);
        long reasoning = clamp(usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0), output);
        return new Tokens(input, cached, 0, output, reasoning);
    }

    /**
     * The usage of a whole {@code chat.completion} body, read in one pass without building its reply (what a
     * passed-through answer needs); a body that {@link ChatReplyDecoder#decode} would refuse is refused alike.
     */
    static Tokens ofCompletion(ObjectMapper json, byte[] body) {
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new WireException("an OpenAI chat answer that is not a JSON object");
            }
            var tokens = Tokens.NONE;
            boolean choice = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                var field = parser.currentName();
                var value = parser.nextToken();
                if (field.equals("usage") && value == JsonToken.START_OBJECT) {
                    tokens = tokens(parser.<JsonNode>readValueAsTree());
                } else if (field.equals("choices") && value == JsonToken.START_ARRAY) {
                    choice = parser.nextToken() == JsonToken.START_OBJECT;
                    while (parser.currentToken() != JsonToken.END_ARRAY) {
                        parser.skipChildren();
                        parser.nextToken();
                    }
                } else if (field.equals("error") && value != JsonToken.VALUE_NULL) {
                    var message = parser.<JsonNode>readValueAsTree().path("message").asText("");
                    throw new WireException("the upstream reported an error"
                            + (message.isEmpty() ? "" : ": " + message));
                } else {
                    parser.skipChildren();
                }
            }
            if (!choice) {
                throw new WireException("a chat completion without choices");
            }
            return tokens;
        } catch (IOException e) {
            throw new WireException("an OpenAI chat answer that is not JSON");
        }
    }

    /**
     * Writes {@code "usage": {...}} as OpenAI does, details included. Cache writes have no field of their own: they
     * stay counted in {@code prompt_tokens}, as the input they are.
     */
    static void write(JsonGenerator out, Tokens tokens) throws IOException {
        out.writeObjectFieldStart("usage");
        out.writeNumberField("prompt_tokens", tokens.input());
        out.writeNumberField("completion_tokens", tokens.output());
        out.writeNumberField("total_tokens", tokens.input() + tokens.output());
        out.writeObjectFieldStart("prompt_tokens_details");
        out.writeNumberField("cached_tokens", tokens.cachedInput());
        out.writeNumberField("audio_tokens", 0);
        out.writeEndObject();
        out.writeObjectFieldStart("completion_tokens_details");
        out.writeNumberField("reasoning_tokens", tokens.reasoning());
        out.writeNumberField("audio_tokens", 0);
        out.writeNumberField("accepted_prediction_tokens", 0);
        out.writeNumberField("rejected_prediction_tokens", 0);
        out.writeEndObject();
        out.writeEndObject();
    }

    private static long clamp(long part, long whole) {
        return Math.max(0, Math.min(part, whole));
    }
}
