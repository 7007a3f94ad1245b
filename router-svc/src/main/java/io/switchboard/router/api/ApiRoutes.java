package io.switchboard.router.api;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.switchboard.router.RouterConfig;
import io.switchboard.router.exchange.AnthropicErrors;
import io.switchboard.router.exchange.ApiErrors;
import io.switchboard.router.exchange.OpenAiErrors;
import io.switchboard.router.provider.WireApi;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Mounts the inbound APIs: OpenAI's chat completions, responses, embeddings and models, Anthropic's messages and token
 * counting. Anything unknown under {@code /v1} gets a 404 in the format its client expects.
 */
@Singleton
class ApiRoutes {

    private static final Logger LOGGER = Logger.getLogger(ApiRoutes.class);

    private final RouterConfig config;
    private final GenerationHandler generation;
    private final ModelsHandler models;
    private final CountTokensHandler countTokens;

    ApiRoutes(RouterConfig config, GenerationHandler generation, ModelsHandler models,
            CountTokensHandler countTokens) {
        this.config = config;
        this.generation = generation;
        this.models = models;
        this.countTokens = countTokens;
    }

    void register(@Observes Router router) {
        post(router, "/v1/chat/completions", OpenAiErrors.CHAT,
                ctx -> generation.handle(ctx, WireApi.OPENAI_CHAT, OpenAiErrors.CHAT));
        post(router, "/v1/responses", OpenAiErrors.RESPONSES,
                ctx -> generation.handle(ctx, WireApi.OPENAI_RESPONSES, OpenAiErrors.RESPONSES));
        post(router, "/v1/embeddings", OpenAiErrors.CHAT,
                ctx -> generation.handle(ctx, WireApi.EMBEDDINGS, OpenAiErrors.CHAT));
        post(router, "/v1/messages", AnthropicErrors.INSTANCE,
                ctx -> generation.handle(ctx, WireApi.ANTHROPIC_MESSAGES, AnthropicErrors.INSTANCE));
        post(router, "/v1/messages/count_tokens", AnthropicErrors.INSTANCE, countTokens::handle);
        router.get("/v1/models").handler(ctx -> models.list(ctx, errorsFor(ctx)));
        router.get("/v1/models/:model").handler(ctx -> models.one(ctx, errorsFor(ctx)));
        router.route("/v1/*").last().handler(ctx -> errorsFor(ctx).send(ctx, 404, "unknown_url", null,
                "Unknown request URL: " + ctx.request().method() + " " + ctx.request().path() + "."));
    }

    private void post(Router router, String path, ApiErrors errors, Handler<RoutingContext> handler) {
        router.post(path)
                .handler(BodyHandler.create(false).setBodyLimit(config.maxBodySize().asLongValue()))
                .handler(handler)
                .failureHandler(ctx -> failure(ctx, errors));
    }

    /** Anthropic clients send their API version with every request; everyone else gets OpenAI's format. */
    static ApiErrors errorsFor(RoutingContext ctx) {
        return ctx.request().getHeader("anthropic-version") != null ? AnthropicErrors.INSTANCE : OpenAiErrors.CHAT;
    }

    private void failure(RoutingContext ctx, ApiErrors errors) {
        if (ctx.statusCode() == 413) {
            errors.send(ctx, 413, "request_too_large", null, "The request body is larger than this router accepts ("
                    + config.maxBodySize().asLongValue() + " bytes).");
            return;
        }
        LOGGER.errorf(ctx.failure(), "unexpected failure on %s", ctx.request().path());
        errors.send(ctx, 500, "router_error", null, "The router failed on this request.");
    }
}
