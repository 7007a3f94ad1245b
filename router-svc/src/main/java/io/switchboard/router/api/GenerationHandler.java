package io.switchboard.router.api;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Decision;
import io.switchboard.events.StudentRoute;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.RouterConfig;
import io.switchboard.router.budget.BudgetExceededException;
import io.switchboard.router.budget.BudgetGuard;
import io.switchboard.router.budget.ReplicaCount;
import io.switchboard.router.capture.TraceCapture;
import io.switchboard.router.decisions.DecisionTable;
import io.switchboard.router.exchange.AnswerCopy;
import io.switchboard.router.exchange.ApiErrors;
import io.switchboard.router.exchange.ClientRequest;
import io.switchboard.router.exchange.Exchanges;
import io.switchboard.router.exchange.RequestContext;
import io.switchboard.router.exchange.RequestRecord;
import io.switchboard.router.exchange.ShadowComparison;
import io.switchboard.router.exchange.Translation;
import io.switchboard.router.health.HealthBoard;
import io.switchboard.router.identity.ApiKeys;
import io.switchboard.router.identity.ClientIdentifier;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.router.provider.WireApi;
import io.switchboard.router.routing.Caller;
import io.switchboard.router.routing.ChainPlanner;
import io.switchboard.router.routing.Deployment;
import io.switchboard.router.routing.LiveRoutingTable;
import io.switchboard.router.students.LiveStudentRoutes;
import io.switchboard.router.translate.InvalidRequestException;
import io.switchboard.router.usage.RequestLog;
import io.switchboard.router.usage.UsagePublisher;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Every endpoint that sends a request to a model (chat completions, responses, messages, embeddings): checks the
 * caller and the request, plans the chain of deployments ({@link ChainPlanner}, the one place a plan is built, with a
 * promoted student put first when the request's model and workload have one) and has {@link Exchanges} say how the
 * request reaches each, checks the budget, then hands the request to its exchange.
 * Errors are written in the client's API format.
 */
@Singleton
public class GenerationHandler {

    /** The largest student's answer kept to compare with the teacher's. */
    private static final int SHADOW_MAX_ANSWER_BYTES = 1 << 20;

    private final LiveRoutingTable routing;
    private final Exchanges exchanges;
    private final RouterMetrics metrics;
    private final UsagePublisher usage;
    private final TraceCapture traces;
    private final HealthBoard health;
    private final DecisionTable decisions;
    private final LiveStudentRoutes students;
    private final JsonFactory jsonFactory;
    private final BudgetGuard budgets;
    private final long defaultMaxOutput;

    GenerationHandler(LiveRoutingTable routing, Exchanges exchanges, HealthBoard health, DecisionTable decisions,
            LiveStudentRoutes students, ReplicaCount replicas, RouterMetrics metrics, UsagePublisher usage,
            TraceCapture traces, ObjectMapper json, RouterConfig config) {
        this.routing = routing;
        this.exchanges = exchanges;
        this.decisions = decisions;
        this.students = students;
        this.health = health;
        this.metrics = metrics;
        this.usage = usage;
        this.traces = traces;
        this.jsonFactory = json.getFactory();
        this.budgets = new BudgetGuard(subject -> decisions.of(subject).orElse(null),
                replicas::current, config.budgets().countMargin());
        this.defaultMaxOutput = config.budgets().defaultMaxOutputTokens();
    }

    public void handle(RoutingContext ctx, WireApi api, ApiErrors errors) {
        long arrived = System.nanoTime();
        var table = routing.current();
        var headers = ctx.request().headers();
        var caller = ApiKeys.authenticate(table, headers);
        if (caller.isEmpty()) {
            errors.send(ctx, 401, "invalid_api_key", null, "Incorrect API key provided. Send your Switchboard "
                    + "virtual key as 'Authorization: Bearer sk-...' or 'x-api-key: sk-...'; your platform team "
                    + "issues them.");
            return;
        }
        ClientRequest request;
        try {
            request = ClientRequest.inspect(api, ctx.body().buffer(), jsonFactory);
        } catch (InvalidRequestException e) {
            errors.send(ctx, e);
            return;
        }
        var session = ClientIdentifier.session(headers, request.bodySession());
        var refusal = decisions.refusing(caller.get(), session, Instant.now());
        if (refusal.isPresent()) {
            refuse(ctx, errors, refusal.get());
            return;
        }
        var route = table.model(request.model());
        if (route.isEmpty()) {
            errors.send(ctx, 404, "model_not_found", "model", "The model '" + request.model() + "' does not exist "
                    + "on this router. Ask your platform team to add it to the routing file.");
            return;
        }
        var workload = headers.get("x-switchboard-workload");
        Predicate<Deployment> gone = d -> health.of(d).gone();
        var teacher = ChainPlanner.plan(table, route.get(), Instant.now(), gone, d -> health.of(d).ttftMillis());
        // students answer chat: asked for embeddings, they would say the model is gone
        var plan = api.generates() ? students.current().overlay(teacher, table, route.get(), workload, gone) : teacher;
        Translation translation;
        try {
            translation = exchanges.translate(request, headers, plan.chain());
        } catch (InvalidRequestException e) {
            errors.send(ctx, e);
            return;
        }
        if (translation.chain().isEmpty() && translation.unreachable() != null) {
            errors.send(ctx, 400, "unsupported_feature", null, "The model '" + request.model() + "' cannot serve "
                    + "this request: " + translation.unreachable() + ".");
            return;
        }
        if (decisions.withholdingHardBudgets() && BudgetGuard.hasHardBudget(table, caller.get())) {
            standingsUnknown(ctx, errors);
            return;
        }
        BudgetGuard.Reservation reservation;
        try {
            reservation = budgets.reserve(table, caller.get(), () -> worstCase(request, translation), Instant.now());
        } catch (BudgetExceededException e) {
            overBudget(ctx, errors, e.getMessage(), e.resetsAt());
            return;
        }
        String retired = null;
        if (plan.retiredModel() != null) {
            metrics.retiredModel(plan.retiredModel(), plan.servingModel());
            retired = "model=" + plan.retiredModel() + "; successor=" + plan.servingModel();
        }
        var record = new RequestRecord(api.eventName(), caller.get(), ClientIdentifier.identify(headers), session,
                workload, request.model(), request.stream(), request.fingerprint());
        if (plan.student() != null && !teacher.chain().isEmpty()) {
            record.studentFor(plan.student(), teacher.chain().get(0));
        }
        var captureRule = table.capture(workload).orElse(null);
        var captured = captureRule == null ? null : traces.sample(captureRule, request);
        boolean shadowed = plan.student() != null && students.current().shadowDrawn(plan.student());
        var answerCopy = captured != null ? captured : shadowed ? new AnswerCopy(SHADOW_MAX_ANSWER_BYTES) : null;
        metrics.overhead(System.nanoTime() - arrived);
        exchanges.start(new RequestContext(ctx, request, errors, translation, record, table.retry(), retired,
                table.priceVersion(), answerCopy, event -> {
                    reservation.settle(event.costMicros(), event.time());
                    usage.publish(event);
                    if (captured != null) {
                        traces.capture(captureRule, request, captured, event, route.get(), plan.student());
                    }
                    RequestLog.log(event);
                    metrics.request(event);
                    if (plan.student() != null) {
                        metrics.studentRequest(event, plan.student().provider());
                    }
                    if (shadowed && event.outcome() == UsageEvent.Outcome.OK
                            && event.provider().equals(plan.student().provider())) {
                        shadow(request, headers, teacher, plan.student(), answerCopy, event, caller.get(),
                                table.priceVersion());
                    }
                }));
    }

    /** Has the teacher asked the request the student answered, and its usage event published. */
    private void shadow(ClientRequest request, MultiMap headers, ChainPlanner.Plan teacher, Deployment student,
            AnswerCopy answer, UsageEvent served, Caller caller, String priceVersion) {
        String model = served.modelRequested();
        var route = students.current().route(student);
        if (!answer.complete() || route.isEmpty()) {
            metrics.shadow(model, student.provider(), "skipped");
            return;
        }
        var record = new RequestRecord(served.api(), caller, served.client(), served.sessionId(), served.workload(),
                model, false, served.requestFingerprint());
        exchanges.shadow(request, headers, teacher.chain(), StudentRoute.job(student.provider()),
                ShadowComparison.of(route.get()), answer, record, priceVersion, event -> {
                    usage.publish(event);
                    metrics.shadow(model, student.provider(), event.outcome() != UsageEvent.Outcome.OK
                            ? "failed"
                            : event.shadow().agreed() ? "agreed" : "disagreed");
                }, () -> metrics.shadow(model, student.provider(), "skipped"));
    }

    /** Tells the person behind a paused or blocked session, user, key or team why, and where to answer. */
    private void refuse(RoutingContext ctx, ApiErrors errors, Decision decision) {
        if (Decision.BUDGET.equals(decision.reason())) {
            overBudget(ctx, errors, decision.message(), decision.expiresAt());
            return;
        }
        metrics.refused(decision.action().name().toLowerCase());
        var message = decision.message().isEmpty()
                ? "Requests of this " + decision.subject().replaceFirst(":.*", "")
                        + " are " + (decision.action() == Decision.Action.PAUSE ? "paused." : "blocked.")
                : decision.message();
        if (!decision.confirmUrl().isEmpty()) {
            message += " Answer at " + decision.confirmUrl();
        }
        errors.send(ctx, 403, decision.action() == Decision.Action.PAUSE ? "paused" : "blocked", null, message);
    }

    /** 429 in the client's format, with when to try again. */
    private void overBudget(RoutingContext ctx, ApiErrors errors, String message, Instant resetsAt) {
        metrics.refused("budget");
        if (resetsAt != null) {
            ctx.response().putHeader("retry-after",
                    Long.toString(Math.max(1, Duration.between(Instant.now(), resetsAt).toSeconds())));
        }
        errors.send(ctx, 429, "budget_exceeded", null, message);
    }

    /** 503 in the client's format while this router has not read the budget standings yet. */
    private void standingsUnknown(RoutingContext ctx, ApiErrors errors) {
        metrics.refused("budget_unknown");
        ctx.response().putHeader("retry-after", "5");
        errors.send(ctx, 503, "budget_unavailable", null, "This router has not read the budget standings yet "
                + "(it has just started, or Kafka is unreachable), and requests of callers with a hard budget "
                + "wait until it has. Retry in a few seconds.");
    }

    /**
     * The most the request can cost on any deployment of its chain: every byte of its body an input token at the
     * dearest input rate, plus its max_tokens (or the default) of output.
     */
    private long worstCase(ClientRequest request, Translation translation) {
        long output = request.maxOutputTokens() > 0 ? request.maxOutputTokens() : defaultMaxOutput;
        if (request.api() == WireApi.EMBEDDINGS) {
            output = 0;
        }
        long worst = 0;
        for (var deployment : translation.chain()) {
            worst = Math.max(worst, deployment.price().worstCaseMicros(request.body().length, output));
        }
        return worst;
    }
}
