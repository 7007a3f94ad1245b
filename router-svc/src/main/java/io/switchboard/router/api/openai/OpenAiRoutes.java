package io.switchboard.router.api.openai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.switchboard.router.RouterConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** Mounts the OpenAI-compatible API; anything unknown under {@code /v1} gets an OpenAI-style 404. */
@ApplicationScoped
class OpenAiRoutes {

    private static final Logger LOGGER = Logger.getLogger(OpenAiRoutes.class);

    private final RouterConfig config;
    private final ChatCompletionsHandler chat;

    OpenAiRoutes(RouterConfig config, ChatCompletionsHandler chat) {
        this.config = config;
        this.chat = chat;
    }

    void register(@Observes Router router) {
        router.post("/v1/chat/completions")
                .handler(BodyHandler.create(false).setBodyLimit(config.maxBodySize().asLongValue()))
                .handler(chat::handle)
                .failureHandler(this::failure);
        router.route("/v1/*").last().handler(ctx -> OpenAiErrors.send(ctx, 404, "invalid_request_error",
                "unknown_url", "Unknown request URL: " + ctx.request().method() + " " + ctx.request().path() + "."));
    }

    private void failure(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            OpenAiErrors.send(ctx, 413, "invalid_request_error", "request_too_large",
                    "The request body is larger than this router accepts (" + config.maxBodySize().asLongValue()
                            + " bytes).");
            return;
        }
        LOGGER.errorf(ctx.failure(), "unexpected failure on %s", ctx.request().path());
        OpenAiErrors.send(ctx, 500, "server_error", "router_error", "The router failed on this request.");
    }
}
