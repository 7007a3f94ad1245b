package io.switchboard.router.api;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.switchboard.router.RouterConfig;
import io.switchboard.router.adapters.Providers;
import io.switchboard.router.provider.UpstreamRequest;
import io.switchboard.router.provider.WireApi;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Serves each simulated provider over HTTP at {@code /simulator/<provider>/v1/chat/completions}, without keys or
 * metering: the "direct call" that benchmarks compare the router against, and an upstream for other routers.
 */
@Singleton
class SimulatorRoutes {

    private final RouterConfig config;
    private final Providers providers;

    SimulatorRoutes(RouterConfig config, Providers providers) {
        this.config = config;
        this.providers = providers;
    }

    void register(@Observes Router router) {
        if (config.simulatorEndpoint()) {
            router.post("/simulator/:provider/v1/chat/completions")
                    .handler(BodyHandler.create(false).setBodyLimit(config.maxBodySize().asLongValue()))
                    .handler(this::serve);
        }
    }

    private void serve(RoutingContext ctx) {
        var simulated = providers.simulated(ctx.pathParam("provider"));
        if (simulated.isEmpty()) {
            ctx.response().setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end("{\"error\":{\"message\":\"no simulated provider of that name\",\"type\":"
                            + "\"invalid_request_error\",\"param\":null,\"code\":null}}");
            return;
        }
        var call = simulated.get().send(new UpstreamRequest(WireApi.OPENAI_CHAT, ctx.body().buffer(), false,
                WireApi.OPENAI_CHAT, ctx.request().headers()), null);
        ctx.response().closeHandler(closed -> call.cancel());
        call.response().onSuccess(answer -> {
            var out = ctx.response().setStatusCode(answer.status()).setChunked(true)
                    .putHeader(HttpHeaders.CONTENT_TYPE, answer.header("content-type"));
            answer.stream(out::write, end -> out.end(), failure -> out.end());
        });
    }
}
