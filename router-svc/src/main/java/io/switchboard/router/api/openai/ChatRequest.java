package io.switchboard.router.api.openai;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.router.api.InvalidRequestException;
import io.vertx.core.buffer.Buffer;

/**
 * A chat-completions request body as the client sent it, with what the router needs to know of it: the model, whether
 * it streams, whether the client asked for streamed usage. Found in one pass of a streaming parser, so the body itself
 * is forwarded byte for byte with only the model name replaced.
 */
public record ChatRequest(byte[] body, String model, int modelStart, int modelEnd, boolean stream,
        boolean clientWantsUsage, boolean hasStreamOptions, int lastMessageStart, int lastMessageEnd) {

    private static final byte[] USAGE_OPTION = "\"stream_options\":{\"include_usage\":true},"
            .getBytes(StandardCharsets.UTF_8);

    public static ChatRequest inspect(byte[] body, JsonFactory factory) {
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw InvalidRequestException.badRequest(null, "The request body must be a JSON object.");
            }
            String model = null;
            int modelStart = -1;
            int modelEnd = -1;
            boolean stream = false;
            boolean wantsUsage = false;
            boolean hasStreamOptions = false;
            boolean hasMessages = false;
            int lastMessageStart = 0;
            int lastMessageEnd = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                var field = parser.currentName();
                var value = parser.nextToken();
                switch (field) {
                    case "model" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw InvalidRequestException.badRequest("model", "'model' must be a string.");
                        }
                        modelStart = (int) parser.currentTokenLocation().getByteOffset();
                        model = parser.getText();
                        modelEnd = (int) parser.currentLocation().getByteOffset();
                    }
                    case "stream" -> {
                        if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE
                                && value != JsonToken.VALUE_NULL) {
                            throw InvalidRequestException.badRequest("stream", "'stream' must be a boolean.");
                        }
                        stream = value == JsonToken.VALUE_TRUE;
                    }
                    case "messages" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw InvalidRequestException.badRequest("messages", "'messages' must be an array.");
                        }
                        hasMessages = true;
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            lastMessageStart = (int) parser.currentTokenLocation().getByteOffset();
                            parser.skipChildren();
                            lastMessageEnd = (int) parser.currentLocation().getByteOffset();
                        }
                    }
                    case "stream_options" -> {
                        hasStreamOptions = value == JsonToken.START_OBJECT;
                        wantsUsage = hasStreamOptions && includesUsage(parser);
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw InvalidRequestException.badRequest(null, "The request body has data after its JSON object.");
            }
            if (model == null || model.isBlank()) {
                throw InvalidRequestException.badRequest("model", "You must provide a model parameter.");
            }
            if (!hasMessages) {
                throw InvalidRequestException.badRequest("messages", "Missing required parameter: 'messages'.");
            }
            return new ChatRequest(body, model, modelStart, modelEnd, stream, wantsUsage, hasStreamOptions,
                    lastMessageStart, lastMessageEnd);
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.badRequest(null,
                    "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw InvalidRequestException.badRequest(null, "The request body could not be read.");
        }
    }

    private static boolean includesUsage(JsonParser parser) throws IOException {
        boolean include = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            var field = parser.currentName();
            var value = parser.nextToken();
            if ("include_usage".equals(field)) {
                include = value == JsonToken.VALUE_TRUE;
            } else {
                parser.skipChildren();
            }
        }
        return include;
    }

    /**
     * A hash of the newest message, as sent: consecutive requests of an agent caught in a loop share it. Empty when
     * there are no messages.
     */
    public String fingerprint() {
        if (lastMessageEnd <= lastMessageStart) {
            return "";
        }
        var crc = new CRC32C();
        crc.update(body, lastMessageStart, lastMessageEnd - lastMessageStart);
        return Long.toHexString(crc.getValue());
    }

    /** Whether the router asks the upstream for streamed usage on its own account (and hides it from the client). */
    public boolean injectsUsage() {
        return stream && !clientWantsUsage;
    }

    /**
     * The body to send upstream: the client's bytes with the model renamed and, on a stream, the usage chunk requested.
     */
    public Buffer forUpstream(String upstreamModel, ObjectMapper json) {
        if (injectsUsage() && hasStreamOptions) {
            return rewritten(upstreamModel, json);
        }
        var quoted = ("\"" + new String(JsonStringEncoder.getInstance().quoteAsString(upstreamModel)) + "\"")
                .getBytes(StandardCharsets.UTF_8);
        var out = Buffer.buffer(body.length + quoted.length + USAGE_OPTION.length);
        int from = 0;
        if (injectsUsage()) {
            int open = indexOfOpeningBrace();
            out.appendBytes(body, 0, open + 1).appendBytes(USAGE_OPTION);
            from = open + 1;
        }
        return out.appendBytes(body, from, modelStart - from)
                .appendBytes(quoted)
                .appendBytes(body, modelEnd, body.length - modelEnd);
    }

    private int indexOfOpeningBrace() {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '{') {
                return i;
            }
        }
        throw new IllegalStateException("inspected bodies are JSON objects");
    }

    /** The rare case of stream options without usage: a structural edit through the tree. */
    private Buffer rewritten(String upstreamModel, ObjectMapper json) {
        try {
            var tree = (ObjectNode) json.readTree(body);
            tree.put("model", upstreamModel);
            tree.withObjectProperty("stream_options").put("include_usage", true);
            return Buffer.buffer(json.writeValueAsBytes(tree));
        } catch (IOException e) {
            throw new IllegalStateException("an inspected body parses", e);
        }
    }
}
