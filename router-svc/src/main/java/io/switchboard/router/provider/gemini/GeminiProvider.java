package io.switchboard.router.provider.gemini;

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
 * Google's Gemini API ({@code generateContent}, and {@code streamGenerateContent} as server-sent events), keyed by
 * {@code x-goog-api-key}. The model is part of the path.
 */
public final class GeminiProvider extends HttpProvider {

    public GeminiProvider(Vertx vertx, ProviderSettings.Http settings, String routerVersion) {
        super(vertx, settings.name(), settings.baseUrl(), WireApi.Family.GEMINI, routerVersion);
    }

    @Override
    public List<WireApi> apis() {
        return List.of(WireApi.GEMINI);
    }

    @Override
    protected String path(UpstreamRequest request, Deployment deployment) {
        if (request.api() != WireApi.GEMINI) {
            throw new IllegalArgumentException(name() + " does not serve " + request.api());
        }
        var model = URLEncoder.encode(deployment.model(), StandardCharsets.UTF_8);
        return "/v1beta/models/" + model + (request.stream() ? ":streamGenerateContent?alt=sse" : ":generateContent");
    }

    @Override
    protected void headers(RequestOptions options, UpstreamRequest request, Deployment deployment) {
        if (!deployment.apiKey().isEmpty()) {
            options.putHeader("x-goog-api-key", deployment.apiKey());
        }
    }
}
