package io.switchboard.router.api.openai;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Decision;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.api.InvalidRequestException;
import io.switchboard.router.decisions.DecisionTable;
import io.switchboard.router.health.HealthBoard;
import io.switchboard.router.identity.ApiKeys;
import io.switchboard.router.identity.ClientIdentifier;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.router.provider.Providers;
import io.switchboard.router.routing.ChainPlanner;
import io.switchboard.router.routing.Failover;
import io.switchboard.router.routing.LiveRoutingTable;
import io.switchboard.router.usage.RequestRecord;
import io.switchboard.router.usage.UsagePublisher;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/chat/completions}: checks the caller and the request, then hands it to a {@link ChatExchange}. */
@ApplicationScoped
public class ChatCompletionsHandler {

    private final LiveRoutingTable routing;
    private final Providers providers;
    private final RouterMetrics metrics;
    private final UsagePublisher usage;
    private final HealthBoard health;
    private final DecisionTable decisions;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final JsonFactory jsonFactory;

    ChatCompletionsHandler(LiveRoutingTable routing, Providers providers, HealthBoard health, DecisionTable decisions,
            RouterMetrics metrics, UsagePublisher usage, Vertx vertx, ObjectMapper json) {
        this.routing = routing;
        this.decisions = decisions;
        this.providers = providers;
        this.health = health;
        this.vertx = vertx;
        this.metrics = metrics;
        this.usage = usage;
        this.json = json;
        this.jsonFactory = json.getFactory();
    }

    public void handle(RoutingContext ctx) {
        long arrived = System.nanoTime();
        var table = routing.current();
        var caller = ApiKeys.authenticate(table, ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (caller.isEmpty()) {
            OpenAiErrors.send(ctx, 401, "invalid_request_error", "invalid_api_key",
                    "Incorrect API key provided. Send your Switchboard virtual key as 'Authorization: Bearer sk-...'; "
                            + "your platform team issues them.");
            return;
        }
        var headers = ctx.request().headers();
        var session = ClientIdentifier.session(headers);
        var refusal = decisions.refusing(caller.get(), session, Instant.now());
        if (refusal.isPresent()) {
            refuse(ctx, refusal.get());
            return;
        }
        ChatRequest request;
        try {
            request = ChatRequest.inspect(ctx.body().buffer().getBytes(), jsonFactory);
        } catch (InvalidRequestException e) {
            OpenAiErrors.invalidRequest(ctx, e);
            return;
        }
        var route = table.model(request.model());
        if (route.isEmpty()) {
            OpenAiErrors.invalidRequest(ctx, new InvalidRequestException(404, "model", "model_not_found",
                    "The model '" + request.model() + "' does not exist on this router. Ask your platform team to "
                            + "add it to the routing file."));
            return;
        }
        var plan = ChainPlanner.plan(table, route.get(), Instant.now(), d -> health.of(d).gone(),
                d -> health.of(d).ttftMillis());
        String retired = null;
        if (plan.retiredModel() != null) {
            metrics.retiredModel(plan.retiredModel(), plan.servingModel());
            retired = "model=" + plan.retiredModel() + "; successor=" + plan.servingModel();
        }
        var record = new RequestRecord(UsageEvent.Api.OPENAI_CHAT, caller.get(), ClientIdentifier.identify(headers),
                session, headers.get("x-switchboard-workload"), request.model(), request.stream(),
                request.fingerprint());
        var failover = new Failover(plan.chain(), table.retry(), d -> request.forUpstream(d.model(), json), providers,
                health, metrics, record, vertx);
        metrics.overhead(System.nanoTime() - arrived);
        new ChatExchange(ctx, request, record, failover, json, vertx, retired, event -> {
            usage.publish(event);
            metrics.request(event);
        }, table.priceVersion()).start();
    }

    /** Tells the person behind a paused or blocked session, user, key or team why, and where to answer. */
    private void refuse(RoutingContext ctx, Decision decision) {
        metrics.refused(decision.action().name().toLowerCase());
        var message = decision.message().isEmpty()
                ? "Requests of this " + decision.subject().replaceFirst(":.*", "")
                        + " are " + (decision.action() == Decision.Action.PAUSE ? "paused." : "blocked.")
                : decision.message();
        if (!decision.confirmUrl().isEmpty()) {
            message += " Answer at " + decision.confirmUrl();
        }
        OpenAiErrors.send(ctx, 403, "permission_error",
                decision.action() == Decision.Action.PAUSE ? "paused" : "blocked", message);
    }
}
