package io.switchboard.router.translate;

import io.vertx.core.buffer.Buffer;

/** An upstream API's side of translation: writes a {@link Conversation} as its request and reads its answers. */
public interface UpstreamCodec {

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

    /** A new decoder for one streamed answer. */
    StreamDecoder streamDecoder();
}
