package io.switchboard.router.api;

import java.time.Instant;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.adapters.Providers;
import io.switchboard.router.exchange.AnthropicErrors;
import io.switchboard.router.exchange.ClientRequest;
import io.switchboard.router.health.HealthBoard;
import io.switchboard.router.identity.ApiKeys;
import io.switchboard.router.provider.UpstreamRequest;
import io.switchboard.router.provider.WireApi;
import io.switchboard.router.routing.ChainPlanner;
import io.switchboard.router.routing.LiveRoutingTable;
import io.switchboard.router.translate.InvalidRequestException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/messages/count_tokens}: asked of the first Anthropic deployment of the model's chain; a model that
 * no Anthropic provider serves gets an estimate (about four bytes of request a token), marked by the header
 * {@code x-switchboard-estimated: true}. Counting is free, so it is not metered.
 */
@Singleton
class CountTokensHandler {

    private static final AnthropicErrors ERRORS = AnthropicErrors.INSTANCE;

    private final LiveRoutingTable routing;
    private final Providers providers;
    private final HealthBoard health;
    private final ObjectMapper json;

    CountTokensHandler(LiveRoutingTable routing, Providers providers, HealthBoard health, ObjectMapper json) {
        this.routing = routing;
        this.providers = providers;
        this.health = health;
        this.json = json;
    }

    void handle(RoutingContext ctx) {
        var table = routing.current();
        if (ApiKeys.authenticate(table, ctx.request().headers()).isEmpty()) {
            ERRORS.send(ctx, 401, "invalid_api_key", null, "Incorrect API key provided.");
            return;
        }
        ClientRequest request;
        try {
            request = ClientRequest.inspect(WireApi.ANTHROPIC_COUNT_TOKENS, ctx.body().buffer(),
                    json.getFactory());
        } catch (InvalidRequestException e) {
            ERRORS.send(ctx, e);
            return;
        }
        var route = table.model(request.model());
        if (route.isEmpty()) {
            ERRORS.send(ctx, 404, "model_not_found", "model", "The model '" + request.model() + "' does not exist "
                    + "on this router.");
            return;
        }
        var chain = ChainPlanner.plan(table, route.get(), Instant.now(), d -> health.of(d).gone(),
                d -> health.of(d).ttftMillis()).chain();
        var anthropic = chain.stream()
                .filter(d -> providers.get(d.provider()).apis().contains(WireApi.ANTHROPIC_COUNT_TOKENS))
                .findFirst();
        if (anthropic.isEmpty()) {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader("x-switchboard-estimated", "true")
                    .end("{\"input_tokens\":" + Math.max(1, request.body().length / 4) + "}");
            return;
        }
        var deployment = anthropic.get();
        var call = providers.get(deployment.provider()).send(new UpstreamRequest(WireApi.ANTHROPIC_COUNT_TOKENS,
                request.forUpstream(deployment.model(), json), false, WireApi.ANTHROPIC_COUNT_TOKENS,
                ctx.request().headers()), deployment);
        ctx.response().closeHandler(closed -> call.cancel());
        call.response().onComplete(answered -> {
            if (answered.failed()) {
                ERRORS.send(ctx, 502, "upstream_unavailable", null, "The provider could not count the tokens.");
                return;
            }
            var answer = answered.result();
            answer.body().onComplete(body -> {
                if (body.failed()) {
                    ERRORS.send(ctx, 502, "upstream_unavailable", null, "The provider could not count the tokens.");
                    return;
                }
                ctx.response().setStatusCode(answer.status())
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.result());
            });
        });
    }
}
