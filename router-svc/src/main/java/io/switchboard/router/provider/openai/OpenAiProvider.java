package io.switchboard.router.provider.openai;

import java.util.List;

import io.switchboard.router.provider.UpstreamRequest;
import io.switchboard.router.provider.WireApi;
import io.switchboard.router.provider.http.HttpProvider;
import io.switchboard.router.routing.Deployment;
import io.switchboard.router.routing.ProviderSettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;

/**
 * OpenAI itself (chat completions, responses, embeddings), or any server that speaks its chat-completions API: vLLM,
 * Ollama, llama.cpp, Together, Groq, the students this platform distils. The base URL includes the {@code /v1}.
 */
public final class OpenAiProvider extends HttpProvider {

    private final List<WireApi> apis;

    public OpenAiProvider(Vertx vertx, ProviderSettings.Http settings, String routerVersion) {
        super(vertx, settings.name(), settings.baseUrl(), WireApi.Family.OPENAI, routerVersion);
        this.apis = settings.vendor() == ProviderSettings.Vendor.OPENAI
                ? List.of(WireApi.OPENAI_CHAT, WireApi.OPENAI_RESPONSES, WireApi.EMBEDDINGS)
                : List.of(WireApi.OPENAI_CHAT, WireApi.EMBEDDINGS);
    }

    @Override
    public List<WireApi> apis() {
        return apis;
    }

    @Override
    protected String path(UpstreamRequest request, Deployment deployment) {
        return switch (request.api()) {
            case OPENAI_CHAT -> "/chat/completions";
            case OPENAI_RESPONSES -> "/responses";
            case EMBEDDINGS -> "/embeddings";
            default -> throw new IllegalArgumentException(name() + " does not serve " + request.api());
        };
    }

    @Override
    protected void headers(RequestOptions options, UpstreamRequest request, Deployment deployment) {
        if (!deployment.apiKey().isEmpty()) {
            options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + deployment.apiKey());
        }
    }
}
