package io.switchboard.router.provider.openai;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.translate.*;
import io.vertx.core.buffer.Buffer;

/** PLACEHOLDER until the codec branch merges. */
public final class ChatCodec implements ClientCodec, UpstreamCodec {

    public ChatCodec(ObjectMapper json) {
    }
    public Conversation decodeRequest(byte[] body) {
        throw new UnsupportedOperationException();
    }
    public Buffer encodeReply(Reply reply, Conversation request, String model) {
        throw new UnsupportedOperationException();
    }
    public StreamEncoder streamEncoder(Conversation request, String model) {
        throw new UnsupportedOperationException();
    }
    public Buffer encodeRequest(Conversation conversation, String model) {
        throw new UnsupportedOperationException();
    }
    public Reply decodeReply(byte[] body) {
        throw new UnsupportedOperationException();
    }
    public StreamDecoder streamDecoder() {
        throw new UnsupportedOperationException();
    }
}
