package io.switchboard.router.exchange;

import org.jboss.logging.Logger;

import io.switchboard.events.Attempt;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.translate.WireException;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * One request from routing to the last byte: takes the failover's answer, relays it (a stream through a
 * {@link StreamRelay}, a whole answer at once; as it came when the provider speaks the client's API, translated
 * otherwise), goes back to the failover when an answer fails before anything of it reached the client, and emits one
 * usage event however it ends.
 */
final class Exchange {

    private static final Logger LOGGER = Logger.getLogger(Exchange.class);
    private static final int CLIENT_CLOSED_REQUEST = 499;

    private final RequestContext context;
    private final Services services;
    private final Failover failover;
    private boolean clientGone;

    Exchange(RequestContext context, Services services) {
        this.context = context;
        this.services = services;
        this.failover = new Failover(context, services);
    }

    void start() {
        var response = context.http().response();
        response.closeHandler(closed -> {
            if (!response.ended()) {
                clientGone = true;
                failover.cancel();
                finish(UsageEvent.Outcome.CANCELLED, Attempt.Outcome.CANCELLED, CLIENT_CLOSED_REQUEST);
            }
        });
        failover.start().onComplete(this::answered);
    }

    boolean clientGone() {
        return clientGone;
    }

    /** The answer being relayed failed before reaching the client: the next deployment gets the request. */
    void retry(Attempt.Outcome outcome) {
        failover.resume(outcome).onComplete(this::answered);
    }

    private void answered(AsyncResult<Answer> result) {
        if (clientGone) {
            return;
        }
        if (result.failed()) {
            failed(result.cause());
        } else if (result.result() instanceof Answer.Refusal refusal) {
            relayRefusal(refusal);
        } else {
            var success = (Answer.Success) result.result();
            var type = success.response().header("content-type");
            var route = context.translation().route(success.deployment());
            if (context.request().stream() && type != null && type.startsWith("text/event-stream")) {
                var decoder = services.codecs().upstream(route.api()).streamDecoder();
                var relay = route.passThrough()
                        ? StreamRelay.passThrough(this, context, failover, services.vertx(), decoder)
                        : StreamRelay.translating(this, context, failover, services.vertx(), decoder,
                                services.codecs().client(context.request().api())
                                        .streamEncoder(context.translation().conversation(),
                                                context.request().model()));
                relay.start(success);
            } else {
                relayWhole(success, route);
            }
        }
    }

    private void failed(Throwable cause) {
        if (cause instanceof Failover.ChainExhaustedException exhausted) {
            int status = exhausted.clientStatus();
            context.errors().send(context.http(), status, "upstream_unavailable", null, "Every provider that serves '"
                    + context.request().model() + "' failed or timed out (request " + context.record().requestId()
                    + "). Try again shortly.");
            finish(UsageEvent.Outcome.UPSTREAM_ERROR, null, status);
        } else {
            LOGGER.errorf("request failed in the router: requestId=%s error=%s", context.record().requestId(),
                    cause.toString());
            context.errors().send(context.http(), 500, "router_error", null, "The router failed on this request ("
                    + context.record().requestId() + ").");
            finish(UsageEvent.Outcome.UPSTREAM_ERROR, null, 500);
        }
    }

    /** A 4xx the request caused: as it came from a provider of the client's API, else restated in its format. */
    private void relayRefusal(Answer.Refusal refusal) {
        var out = servedHeaders(refusal.status());
        if (context.translation().route(refusal.deployment()).passThrough()) {
            if (refusal.contentType() != null) {
                out.putHeader(HttpHeaders.CONTENT_TYPE, refusal.contentType());
            }
            out.end(refusal.body());
        } else {
            out.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(context.errors().body(refusal.status(),
                    null, null, "The provider serving '" + context.request().model() + "' refused the request: "
                            + UpstreamErrors.message(refusal.body(), services.json())));
        }
        finish(UsageEvent.Outcome.CLIENT_ERROR, Attempt.Outcome.CLIENT_ERROR, refusal.status());
    }

    private void relayWhole(Answer.Success success, Translation.Route route) {
        var timeouts = success.deployment().timeouts();
        var timedOut = new boolean[1];
        var vertx = services.vertx();
        long timer = vertx.setTimer(StreamRelay.remainingMillis(success.startedNanos(), timeouts.total()), id -> {
            timedOut[0] = true;
            retry(Attempt.Outcome.TIMEOUT);
        });
        success.response().body().onComplete(body -> {
            vertx.cancelTimer(timer);
            if (clientGone || timedOut[0]) {
                return;
            }
            if (body.failed()) {
                retry(Attempt.Outcome.SERVER_ERROR);
                return;
            }
            Buffer out;
            try {
                out = forClient(body.result(), route);
            } catch (WireException e) {
                retry(Attempt.Outcome.MALFORMED);
                return;
            }
            failover.firstToken((System.nanoTime() - success.startedNanos()) / 1_000_000);
            failover.completed();
            context.record().firstByteSent();
            if (context.answerCopy() != null) {
                context.answerCopy().whole(out);
            }
            servedHeaders(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(out);
            finish(UsageEvent.Outcome.OK, Attempt.Outcome.OK, 200);
        });
    }

    /** The body for the client, its usage recorded on the way. */
    private Buffer forClient(Buffer body, Translation.Route route) {
        if (route.passThrough()) {
            context.record().tokens(services.codecs().usage(route.api()).usage(body.getBytes()));
            return body;
        }
        var reply = services.codecs().upstream(route.api()).decodeReply(body.getBytes());
        context.record().tokens(reply.usage());
        return services.codecs().client(context.request().api()).encodeReply(reply,
                context.translation().conversation(), context.request().model());
    }

    /** The response with the headers that say who served it. */
    HttpServerResponse servedHeaders(int status) {
        var served = context.record().served();
        var response = context.http().response()
                .setStatusCode(status)
                .putHeader("x-switchboard-request-id", context.record().requestId())
                .putHeader("x-switchboard-provider", served.provider())
                .putHeader("x-switchboard-model", served.model());
        if (context.retiredHeader() != null) {
            response.putHeader("x-switchboard-retired", context.retiredHeader());
        }
        var route = context.translation().route(served);
        if (route != null && !route.droppedTools().isEmpty()) {
            response.putHeader("x-switchboard-dropped-tools", String.join(", ", route.droppedTools()));
        }
        return response;
    }

    void finish(UsageEvent.Outcome outcome, Attempt.Outcome servedOutcome, int status) {
        var event = context.record().finish(outcome, servedOutcome, status, context.priceVersion());
        if (event != null) {
            LOGGER.debugf("request done: requestId=%s user=%s model=%s provider=%s status=%d latencyMs=%d",
                    event.requestId(), event.userId(), event.modelRequested(), event.provider(), status,
                    event.latencyMillis());
            context.finished().accept(event);
        }
    }

    /** The event that ends a stream the provider broke off, in the client's format. */
    Buffer interruption() {
        return context.errors().streamEvent(502, "upstream_interrupted", "The provider broke off its answer (request "
                + context.record().requestId() + "). Try again.");
    }
}
