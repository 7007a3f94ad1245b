package io.switchboard.router.provider.anthropic;

import java.util.List;

import io.switchboard.router.provider.UpstreamRequest;
import io.switchboard.router.provider.WireApi;
import io.switchboard.router.provider.http.HttpProvider;
import io.switchboard.router.routing.Deployment;
import io.switchboard.router.routing.ProviderSettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.RequestOptions;

/**
 * Anthropic's Messages API, keyed by {@code x-api-key}. An Anthropic client's {@code anthropic-version} and
 * {@code anthropic-beta} headers go upstream as sent (a translated request gets the stable version).
 */
public final class AnthropicProvider extends HttpProvider {

    static final String VERSION = "2023-06-01";

    public AnthropicProvider(Vertx vertx, ProviderSettings.Http settings, String routerVersion) {
        super(vertx, settings.name(), settings.baseUrl(), WireApi.Family.ANTHROPIC, routerVersion);
    }

    @Override
    public List<WireApi> apis() {
        return List.of(WireApi.ANTHROPIC_MESSAGES, WireApi.ANTHROPIC_COUNT_TOKENS);
    }

    @Override
    protected String path(UpstreamRequest request, Deployment deployment) {
        return switch (request.api()) {
            case ANTHROPIC_MESSAGES -> "/v1/messages";
            case ANTHROPIC_COUNT_TOKENS -> "/v1/messages/count_tokens";
            default -> throw new IllegalArgumentException(name() + " does not serve " + request.api());
        };
    }

    @Override
    protected void headers(RequestOptions options, UpstreamRequest request, Deployment deployment) {
        if (!deployment.apiKey().isEmpty()) {
            options.putHeader("x-api-key", deployment.apiKey());
        }
        // Anthropic clients' own version came with the forwarded headers; a translated request gets the stable one.
        if (!options.getHeaders().contains("anthropic-version")) {
            options.putHeader("anthropic-version", VERSION);
        }
    }
}
