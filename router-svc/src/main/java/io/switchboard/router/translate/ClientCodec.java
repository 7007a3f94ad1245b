package io.switchboard.router.translate;

import io.vertx.core.buffer.Buffer;

/**
 * An inbound API's side of translation: reads the client's request into a {@link Conversation} and writes answers
 * from other APIs back in the client's format.
 */
public interface ClientCodec {

    /**
     * Reads a request body of this API.
     *
     * @throws InvalidRequestException (400) when the body is not a valid request of this API
     */
    Conversation decodeRequest(byte[] body);

    /**
     * Writes a whole answer as this API's response body.
     *
     * @param request the client's request, as {@link #decodeRequest} read it
     * @param model the name the client asked for
     */
    Buffer encodeReply(Reply reply, Conversation request, String model);

    /** A new encoder for one streamed answer; {@code model} is the name the client asked for. */
    StreamEncoder streamEncoder(Conversation request, String model);
}
