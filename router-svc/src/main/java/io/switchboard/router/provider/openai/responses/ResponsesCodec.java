package io.switchboard.router.provider.openai.responses;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.translate.ClientCodec;
import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Reply;
import io.switchboard.router.translate.StreamDecoder;
import io.switchboard.router.translate.StreamEncoder;
import io.switchboard.router.translate.UpstreamCodec;
import io.vertx.core.buffer.Buffer;

/**
 * Translation for OpenAI's Responses API ({@code POST /v1/responses}, what Codex speaks), both as the client's API and
 * as an upstream's. The mapping, the hints it drops and the features it refuses are in
 * {@code docs/translation/openai-responses.md}. Stateless and thread-safe; stream coders are one per stream.
 */
public final class ResponsesCodec implements ClientCodec, UpstreamCodec {

    private final ObjectMapper json;
    private final ResponsesRequestDecoder requestDecoder;
    private final ResponsesRequestEncoder requestEncoder;
    private final ResponsesReplyDecoder replyDecoder;
    private final ResponsesReplyEncoder replyEncoder;

    public ResponsesCodec(ObjectMapper json) {
        this.json = json;
        this.requestDecoder = new ResponsesRequestDecoder(json);
        this.requestEncoder = new ResponsesRequestEncoder(json);
        this.replyDecoder = new ResponsesReplyDecoder(json);
        this.replyEncoder = new ResponsesReplyEncoder(json);
    }

    @Override
    public Conversation decodeRequest(byte[] body) {
        return requestDecoder.decode(body);
    }

    @Override
    public Buffer encodeReply(Reply reply, Conversation request, String model) {
        return replyEncoder.encode(reply, request, model);
    }

    @Override
    public StreamEncoder streamEncoder(Conversation request, String model) {
        return new ResponsesStreamEncoder(json, ResponsesEnvelope.of(request, model));
    }

    @Override
    public Buffer encodeRequest(Conversation conversation, String model) {
        return requestEncoder.encode(conversation, model);
    }

    @Override
    public Reply decodeReply(byte[] body) {
        return replyDecoder.decode(body);
    }

    @Override
    public StreamDecoder streamDecoder() {
        return new ResponsesStreamDecoder(json);
    }
}
