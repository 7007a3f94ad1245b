package io.switchboard.router.provider.azure;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.switchboard.router.provider.UpstreamRequest;
import io.switchboard.router.provider.WireApi;
import io.switchboard.router.provider.http.HttpProvider;
import io.switchboard.router.routing.Deployment;
import io.switchboard.router.routing.ProviderSettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.RequestOptions;

/**
 * Azure OpenAI, keyed by {@code api-key}. Without an {@code apiVersion} it uses the v1 API
 * ({@code /openai/v1/...}, chat completions, responses and embeddings, the deployment's name as the model); with one,
 * the dated per-deployment API ({@code /openai/deployments/<deployment>/...?api-version=...}, chat completions and
 * embeddings). The deployment's {@code model} in the routing file is the Azure deployment name.
 */
public final class AzureOpenAiProvider extends HttpProvider {

    private final String apiVersion;

    public AzureOpenAiProvider(Vertx vertx, ProviderSettings.Http settings, String routerVersion) {
        super(vertx, settings.name(), settings.baseUrl(), WireApi.Family.OPENAI, routerVersion);
        this.apiVersion = settings.apiVersion();
    }

    @Override
    public List<WireApi> apis() {
        return apiVersion == null
                ? List.of(WireApi.OPENAI_CHAT, WireApi.OPENAI_RESPONSES, WireApi.EMBEDDINGS)
                : List.of(WireApi.OPENAI_CHAT, WireApi.EMBEDDINGS);
    }

    @Override
    protected String path(UpstreamRequest request, Deployment deployment) {
        var operation = switch (request.api()) {
            case OPENAI_CHAT -> "/chat/completions";
            case OPENAI_RESPONSES -> "/responses";
            case EMBEDDINGS -> "/embeddings";
            default -> throw new IllegalArgumentException(name() + " does not serve " + request.api());
        };
        if (apiVersion == null) {
            return "/openai/v1" + operation;
        }
        return "/openai/deployments/" + URLEncoder.encode(deployment.model(), StandardCharsets.UTF_8) + operation
                + "?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8);
    }

    @Override
    protected void headers(RequestOptions options, UpstreamRequest request, Deployment deployment) {
        if (!deployment.apiKey().isEmpty()) {
            options.putHeader("api-key", deployment.apiKey());
        }
    }
}
