package io.switchboard.router.translate;

import io.switchboard.events.Tokens;
import io.vertx.core.buffer.Buffer;

/** An upstream API's side of translation: writes a {@link Conversation} as its request and reads its answers. */
public interface UpstreamCodec extends UsageReader {

    /**
     * Writes the request body for {@code model}, streaming or not as {@code conversation.stream()} says.
     *
     * @throws UntranslatableException when the conversation uses a feature this API lacks
     */
    Buffer encodeRequest(Conversation conversation, String model);

    /**
     * Reads a whole (2xx) response body.
     *
     * @throws WireException when it is not a response of this API
     */
    Reply decodeReply(byte[] body);

    /** The usage of a whole answer, read as {@link #decodeReply} reads it, so that a malformed one fails alike. */
    @Override
    default Tokens usage(byte[] body) {
        return decodeReply(body).usage();
    }

    /** A new decoder for one streamed answer. */
    StreamDecoder streamDecoder();
}
