package io.switchboard.router.exchange;

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

import io.switchboard.router.provider.WireApi;
import io.switchboard.router.provider.anthropic.ClaudeCodeSession;
import io.switchboard.router.translate.InvalidRequestException;
import io.vertx.core.buffer.Buffer;

/**
 * A request body as the client sent it, with what the router needs to know of it: the model, whether it streams,
 * where its newest turn is, the session its body names, and (chat completions) whether the client asked for streamed
 * usage. Found in one pass of a streaming parser, so the body itself is forwarded byte for byte with only the model
 * name replaced.
 *
 * @param bodySession the agent session named in the body (Claude Code's {@code metadata.user_id}); empty when none
 * @param maxOutputTokens the most output the client allows ({@code max_tokens}, {@code max_completion_tokens},
 *        {@code max_output_tokens}); 0 when it sets none
 */
public record ClientRequest(WireApi api, byte[] body, String model, int modelStart, int modelEnd, boolean stream,
        boolean clientWantsUsage, boolean hasStreamOptions, int lastTurnStart, int lastTurnEnd, String bodySession,
        long maxOutputTokens) {

    private static final byte[] USAGE_OPTION = "\"stream_options\":{\"include_usage\":true},"
            .getBytes(StandardCharsets.UTF_8);

    /** Inspects a body as the router received it, where no body at all is {@code null}. */
    public static ClientRequest inspect(WireApi api, Buffer body, JsonFactory factory) {
        return inspect(api, body == null ? new byte[0] : body.getBytes(), factory);
    }

    public static ClientRequest inspect(WireApi api, byte[] body, JsonFactory factory) {
        var turns = api.turnsField();
        try (JsonParser parser = factory.createParser(body)) {
            var first = parser.nextToken();
            if (first == null) {
                throw InvalidRequestException.badRequest(null, "The request body is empty: send the request as a "
                        + "JSON object.");
            }
            if (first != JsonToken.START_OBJECT) {
                throw InvalidRequestException.badRequest(null, "The request body must be a JSON object.");
            }
            String model = null;
            int modelStart = -1;
            int modelEnd = -1;
            boolean stream = false;
            boolean wantsUsage = false;
            boolean hasStreamOptions = false;
            boolean hasTurns = false;
            int lastTurnStart = 0;
            int lastTurnEnd = 0;
            String session = "";
            long maxOutput = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                var field = parser.currentName();
                var value = parser.nextToken();
                if (field.equals(turns)) {
                    hasTurns = true;
                    if (value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            lastTurnStart = (int) parser.currentTokenLocation().getByteOffset();
                            parser.skipChildren();
                            lastTurnEnd = (int) parser.currentLocation().getByteOffset();
                        }
                    } else if (value == JsonToken.VALUE_STRING && api.textTurns()) {
                        lastTurnStart = (int) parser.currentTokenLocation().getByteOffset();
                        lastTurnEnd = (int) parser.currentLocation().getByteOffset();
                    } else {
                        throw InvalidRequestException.badRequest(turns, "'" + turns + "' must be an array.");
                    }
                    continue;
                }
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
                        stream = value == JsonToken.VALUE_TRUE && api.generates();
                    }
                    case "max_tokens", "max_completion_tokens", "max_output_tokens" -> {
                        if (value == JsonToken.VALUE_NUMBER_INT) {
                            maxOutput = Math.max(0, parser.getLongValue());
                        }
                    }
                    case "stream_options" -> {
                        hasStreamOptions = value == JsonToken.START_OBJECT;
                        wantsUsage = hasStreamOptions && booleanField(parser, "include_usage");
                    }
                    case "metadata" -> {
                        if (value == JsonToken.START_OBJECT && api.sessionInMetadata()) {
                            session = ClaudeCodeSession.fromUserId(stringField(parser, "user_id"));
                        } else {
                            parser.skipChildren();
                        }
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
            if (!hasTurns) {
                throw InvalidRequestException.badRequest(turns, "Missing required parameter: '" + turns + "'.");
            }
            return new ClientRequest(api, body, model, modelStart, modelEnd, stream, wantsUsage, hasStreamOptions,
                    lastTurnStart, lastTurnEnd, session, maxOutput);
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.badRequest(null,
                    "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw InvalidRequestException.badRequest(null, "The request body could not be read.");
        }
    }

    /** Reads the rest of an object, returning whether {@code name} is {@code true} in it. */
    private static boolean booleanField(JsonParser parser, String name) throws IOException {
        boolean result = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            var field = parser.currentName();
            var value = parser.nextToken();
            if (name.equals(field)) {
                result = value == JsonToken.VALUE_TRUE;
            } else {
                parser.skipChildren();
            }
        }
        return result;
    }

    /** Reads the rest of an object, returning the string {@code name} in it, or {@code null}. */
    private static String stringField(JsonParser parser, String name) throws IOException {
        String result = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            var field = parser.currentName();
            var value = parser.nextToken();
            if (name.equals(field) && value == JsonToken.VALUE_STRING) {
                result = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return result;
    }

    /**
     * A hash of the newest turn, as sent: consecutive requests of an agent caught in a loop share it. Empty when
     * there are no turns.
     */
    public String fingerprint() {
        if (lastTurnEnd <= lastTurnStart) {
            return "";
        }
        var crc = new CRC32C();
        crc.update(body, lastTurnStart, lastTurnEnd - lastTurnStart);
        return Long.toHexString(crc.getValue());
    }

    /**
     * Whether the router asks a chat-completions upstream for streamed usage on its own account (and hides it from
     * the client).
     */
    public boolean injectsUsage() {
        return api.usageOnRequest() && stream && !clientWantsUsage;
    }

    /**
     * The body to send to an upstream of the same API: the client's bytes with the model renamed and, on a
     * chat-completions stream, the usage chunk requested.
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

    /**
     * The same request asking for its answer at once: {@code stream} false and no {@code stream_options} (which an
     * upstream refuses without a stream); this request itself when it does not stream.
     */
    public ClientRequest whole(ObjectMapper json) {
        if (!stream) {
            return this;
        }
        try {
            var tree = (ObjectNode) json.readTree(body);
            tree.put("stream", false);
            tree.remove("stream_options");
            return inspect(api, json.writeValueAsBytes(tree), json.getFactory());
        } catch (IOException e) {
            throw new IllegalStateException("an inspected body parses", e);
        }
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
