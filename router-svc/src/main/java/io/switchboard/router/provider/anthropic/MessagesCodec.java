package io.switchboard.router.provider.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.translate.ClientCodec;
import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Reply;
import io.switchboard.router.translate.StreamDecoder;
import io.switchboard.router.translate.StreamEncoder;
import io.switchboard.router.translate.UpstreamCodec;
import io.vertx.core.buffer.Buffer;

/**
 * The Anthropic Messages API ({@code POST /v1/messages}) on both sides of translation: as the API a client speaks
 * (Claude Code, the Anthropic SDKs) and as the API an upstream serves. The mapping and what it drops or refuses is in
 * {@code docs/translation/anthropic-messages.md}.
 */
public final class MessagesCodec implements ClientCodec, UpstreamCodec {

    private final ObjectMapper json;
    private final MessagesRequestDecoder requests;
    private final MessagesRequestEncoder upstreamRequests;
    private final MessagesReplies replies;

    public MessagesCodec(ObjectMapper json) {
        this.json = json;
        this.requests = new MessagesRequestDecoder(json);
        this.upstreamRequests = new MessagesRequestEncoder(json);
        this.replies = new MessagesReplies(json);
    }

    @Override
    public Conversation decodeRequest(byte[] body) {
        return requests.decode(body);
    }

    @Override
    public Buffer encodeReply(Reply reply, Conversation request, String model) {
        return replies.encode(reply, request, model);
    }

    @Override
    public StreamEncoder streamEncoder(Conversation request, String model) {
        return new MessagesStreamEncoder(json, request, model);
    }

    @Override
    public Buffer encodeRequest(Conversation conversation, String model) {
        return upstreamRequests.encode(conversation, model);
    }

    @Override
    public Reply decodeReply(byte[] body) {
        return replies.decode(body);
    }

    @Override
    public StreamDecoder streamDecoder() {
        return new MessagesStreamDecoder(json);
    }
}
