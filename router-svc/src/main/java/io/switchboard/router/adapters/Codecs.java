package io.switchboard.router.adapters;

import java.util.EnumMap;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.provider.WireApi;
import io.switchboard.router.provider.anthropic.MessagesCodec;
import io.switchboard.router.provider.gemini.GeminiCodec;
import io.switchboard.router.provider.openai.EmbeddingsUsage;
import io.switchboard.router.provider.openai.chat.ChatCodec;
import io.switchboard.router.provider.openai.responses.ResponsesCodec;
import io.switchboard.router.translate.ClientCodec;
import io.switchboard.router.translate.UpstreamCodec;
import io.switchboard.router.translate.UsageReader;

/**
 * The translation codec of every generating API, and the usage reader of every API relayed as it came. Kept apart from
 * {@link Providers}: the client's codec follows the client's API, which no provider chooses, and one provider serves
 * several APIs; codecs are a fixed, stateless table, while providers are reloaded, hold connections and are closed.
 */
@Singleton
public class Codecs {

    private final Map<WireApi, ClientCodec> clients = new EnumMap<>(WireApi.class);
    private final Map<WireApi, UpstreamCodec> upstreams = new EnumMap<>(WireApi.class);
    private final Map<WireApi, UsageReader> usages = new EnumMap<>(WireApi.class);

    Codecs(ObjectMapper json) {
        var chat = new ChatCodec(json);
        var responses = new ResponsesCodec(json);
        var messages = new MessagesCodec(json);
        clients.put(WireApi.OPENAI_CHAT, chat);
        clients.put(WireApi.OPENAI_RESPONSES, responses);
        clients.put(WireApi.ANTHROPIC_MESSAGES, messages);
        upstreams.put(WireApi.OPENAI_CHAT, chat);
        upstreams.put(WireApi.OPENAI_RESPONSES, responses);
        upstreams.put(WireApi.ANTHROPIC_MESSAGES, messages);
        upstreams.put(WireApi.GEMINI, new GeminiCodec(json));
        usages.putAll(upstreams);
        usages.put(WireApi.EMBEDDINGS, new EmbeddingsUsage(json));
    }

    public ClientCodec client(WireApi api) {
        return clients.get(api);
    }

    public UpstreamCodec upstream(WireApi api) {
        return upstreams.get(api);
    }

    public UsageReader usage(WireApi api) {
        return usages.get(api);
    }
}
