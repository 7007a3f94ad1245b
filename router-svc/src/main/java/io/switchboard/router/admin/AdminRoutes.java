package io.switchboard.router.admin;

import java.util.Comparator;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.health.DeploymentHealth;
import io.switchboard.router.health.HealthBoard;
import io.switchboard.router.identity.ApiKeys;
import io.switchboard.router.routing.LiveRoutingTable;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /admin/providers}: the state of every deployment, for the platform team, behind an admin key. */
@Singleton
class AdminRoutes {

    private final LiveRoutingTable routing;
    private final HealthBoard health;
    private final ObjectMapper json;

    AdminRoutes(LiveRoutingTable routing, HealthBoard health, ObjectMapper json) {
        this.routing = routing;
        this.health = health;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.get("/admin/providers").handler(this::providers);
    }

    private void providers(RoutingContext ctx) {
        var table = routing.current();
        if (!ApiKeys.isAdmin(table, ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            ctx.response().setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end("{\"error\":{\"message\":\"An admin key is required: 'Authorization: Bearer <admin key>'.\","
                            + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
            return;
        }
        var body = json.createObjectNode().put("priceVersion", table.priceVersion());
        var deployments = body.putArray("deployments");
        health.all().stream().sorted(Comparator.comparing(h -> h.deployment().id())).forEach(h -> {
            var d = h.deployment();
            deployments.addObject()
                    .put("id", d.id())
                    .put("provider", d.provider())
                    .put("model", d.model())
                    .put("circuit", circuit(h))
                    .put("modelGone", h.gone())
                    .put("requests", h.requests())
                    .put("recentErrorRate", Math.round(h.recentErrorRate() * 1000) / 1000.0)
                    .put("timeToFirstTokenMillis", Math.round(h.ttftMillis()));
        });
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.toPrettyString());
    }

    private static String circuit(DeploymentHealth health) {
        return switch (health.state()) {
            case CLOSED -> "closed";
            case HALF_OPEN -> "half-open";
            case OPEN -> "open";
        };
    }
}
