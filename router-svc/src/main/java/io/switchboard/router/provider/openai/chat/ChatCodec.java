package io.switchboard.router.provider.openai.chat;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.ClientCodec;
import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Reply;
import io.switchboard.router.translate.StreamDecoder;
import io.switchboard.router.translate.StreamEncoder;
import io.switchboard.router.translate.UpstreamCodec;
import io.vertx.core.buffer.Buffer;

/**
 * The OpenAI Chat Completions API on both sides of a translation: as the client's API (requests in, answers out) and
 * as the upstream's (requests out, answers in). Thread-safe; stream encoders and decoders are one per stream. The
 * mapping and what it leaves out are described in {@code docs/translation/openai-chat.md}.
 */
public final class ChatCodec implements ClientCodec, UpstreamCodec {

    private final ObjectMapper json;
    private final Clock clock;
    private final ChatRequestDecoder requests;
    private final ChatRequestEncoder upstreamRequests;
    private final ChatReplyDecoder replies;
    private final ChatReplyEncoder clientReplies;

    public ChatCodec(ObjectMapper json) {
        this(json, Clock.systemUTC());
    }

    ChatCodec(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
        this.requests = new ChatRequestDecoder(json);
        this.upstreamRequests = new ChatRequestEncoder(json.getFactory());
        this.replies = new ChatReplyDecoder(json);
        this.clientReplies = new ChatReplyEncoder(json.getFactory(), clock);
    }

    @Override
    public Conversation decodeRequest(byte[] body) {
        return requests.decode(body);
    }

    @Override
    public Buffer encodeReply(Reply reply, Conversation request, String model) {
        return clientReplies.encode(reply, model);
    }

    @Override
    public StreamEncoder streamEncoder(Conversation request, String model) {
        return new ChatStreamEncoder(json.getFactory(), clock, model, request.streamUsage());
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
    public Tokens usage(byte[] body) {
        return ChatUsage.ofCompletion(json, body);
    }

    @Override
    public StreamDecoder streamDecoder() {
        return new ChatStreamDecoder(json);
    }
}
