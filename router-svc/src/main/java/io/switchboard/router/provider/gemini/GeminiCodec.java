package io.switchboard.router.provider.gemini;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Reply;
import io.switchboard.router.translate.StreamDecoder;
import io.switchboard.router.translate.UpstreamCodec;
import io.vertx.core.buffer.Buffer;

/**
 * Google's Gemini API ({@code generateContent}, {@code streamGenerateContent?alt=sse}) as an upstream. The body is the
 * same for both methods and names no model: the adapter that calls Google puts the model and the method in the URL.
 * The mapping is documented in {@code docs/translation/gemini.md}.
 */
public final class GeminiCodec implements UpstreamCodec {

    private final ObjectMapper mapper;
    private final GeminiRequestEncoder encoder;
    private final GeminiReplyDecoder decoder;

    public GeminiCodec(ObjectMapper mapper) {
        this.mapper = mapper;
        this.encoder = new GeminiRequestEncoder(mapper);
        this.decoder = new GeminiReplyDecoder(mapper);
    }

    @Override
    public Buffer encodeRequest(Conversation conversation, String model) {
        return encoder.encode(conversation, model);
    }

    @Override
    public Reply decodeReply(byte[] body) {
        return decoder.decode(body);
    }

    @Override
    public StreamDecoder streamDecoder() {
        return new GeminiStreamDecoder(mapper);
    }
}
