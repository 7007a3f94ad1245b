package io.switchboard.router.api;

import java.util.List;
import java.util.TreeSet;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.Money;
import io.switchboard.router.exchange.AnthropicErrors;
import io.switchboard.router.exchange.ApiErrors;
import io.switchboard.router.identity.ApiKeys;
import io.switchboard.router.routing.LiveRoutingTable;
import io.switchboard.router.routing.ModelRoute;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/<name>}: the public model names of the routing file, aliases
 * included, in OpenAI's list format, or in Anthropic's when the client is an Anthropic one. Each model also says what
 * its first deployment costs, {@code "pricing": {"input": "2.5", "output": "10"}} in US dollars per million tokens
 * (exact decimal strings), so that a client such as the distillation worker can price the model's tokens.
 */
@Singleton
class ModelsHandler {

    private static final String EPOCH = "1970-01-01T00:00:00Z";

    private final LiveRoutingTable routing;
    private final ObjectMapper json;

    ModelsHandler(LiveRoutingTable routing, ObjectMapper json) {
        this.routing = routing;
        this.json = json;
    }

    void list(RoutingContext ctx, ApiErrors errors) {
        if (!authenticated(ctx, errors)) {
            return;
        }
        var models = routing.current().models();
        var names = List.copyOf(new TreeSet<>(models.keySet()));
        var body = json.createObjectNode();
        var data = body.putArray("data");
        boolean anthropic = errors == AnthropicErrors.INSTANCE;
        names.forEach(name -> data.add(model(name, models.get(name), anthropic)));
        if (anthropic) {
            body.put("has_more", false)
                    .put("first_id", names.isEmpty() ? null : names.get(0))
                    .put("last_id", names.isEmpty() ? null : names.get(names.size() - 1));
        } else {
            body.put("object", "list");
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.toString());
    }

    void one(RoutingContext ctx, ApiErrors errors) {
        if (!authenticated(ctx, errors)) {
            return;
        }
        var name = ctx.pathParam("model");
        var route = routing.current().model(name);
        if (route.isEmpty()) {
            errors.send(ctx, 404, "model_not_found", "model", "The model '" + name + "' does not exist on this "
                    + "router.");
            return;
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(model(name, route.get(), errors == AnthropicErrors.INSTANCE).toString());
    }

    private ObjectNode model(String name, ModelRoute route, boolean anthropic) {
        var model = anthropic
                ? json.createObjectNode().put("type", "model").put("id", name).put("display_name", name)
                        .put("created_at", EPOCH)
                : json.createObjectNode().put("id", name).put("object", "model").put("created", 0)
                        .put("owned_by", "switchboard");
        var price = route.deployments().get(0).price();
        model.putObject("pricing").put("input", Money.decimal(price.input())).put("output",
                Money.decimal(price.output()));
        return model;
    }

    private boolean authenticated(RoutingContext ctx, ApiErrors errors) {
        if (ApiKeys.authenticate(routing.current(), ctx.request().headers()).isPresent()) {
            return true;
        }
        errors.send(ctx, 401, "invalid_api_key", null, "Incorrect API key provided.");
        return false;
    }
}
