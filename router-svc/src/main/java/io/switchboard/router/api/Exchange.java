package io.switchboard.router.api;

import java.io.IOException;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Attempt;
import io.switchboard.events.Tokens;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.provider.WireApi;
import io.switchboard.router.routing.Answer;
import io.switchboard.router.routing.Failover;
import io.switchboard.router.translate.WireException;
import io.switchboard.router.usage.RequestRecord;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * One request from routing to the last byte: takes the failover's answer, relays it (a stream through a
 * {@link StreamRelay}, a whole answer at once; as it came when the provider speaks the client's API, translated
 * otherwise), goes back to the failover when an answer fails before anything of it reached the client, and emits one
 * usage event however it ends.
 */
final class Exchange {

    private static final Logger LOGGER = Logger.getLogger(Exchange.class);
    private static final int CLIENT_CLOSED_REQUEST = 499;

    private final RoutingContext ctx;
    private final ClientRequest request;
    private final ApiErrors errors;
    private final Translation translation;
    private final Codecs codecs;
    private final RequestRecord record;
    private final Failover failover;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final String retiredHeader;
    private final Consumer<UsageEvent> finished;
    private final String priceVersion;
    private boolean clientGone;

    Exchange(RoutingContext ctx, ClientRequest request, ApiErrors errors, Translation translation, Codecs codecs,
            RequestRecord record, Failover failover, ObjectMapper json, Vertx vertx, String retiredHeader,
            Consumer<UsageEvent> finished, String priceVersion) {
        this.ctx = ctx;
        this.request = request;
        this.errors = errors;
        this.translation = translation;
        this.codecs = codecs;
        this.record = record;
        this.failover = failover;
        this.json = json;
        this.vertx = vertx;
        this.retiredHeader = retiredHeader;
        this.finished = finished;
        this.priceVersion = priceVersion;
    }

    void start() {
        ctx.response().closeHandler(closed -> {
            if (!ctx.response().ended()) {
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
            var route = translation.route(success.deployment());
            if (request.stream() && type != null && type.startsWith("text/event-stream")) {
                var relay = route.passThrough()
                        ? StreamRelay.passThrough(this, request, codecs.upstream(route.api()).streamDecoder())
                        : StreamRelay.translating(this, request, codecs.upstream(route.api()).streamDecoder(),
                                codecs.client(request.api()).streamEncoder(translation.conversation(),
                                        request.model()));
                relay.start(success, ctx.response(), record, failover, vertx);
            } else {
                relayWhole(success, route);
            }
        }
    }

    private void failed(Throwable cause) {
        if (cause instanceof Failover.ChainExhaustedException exhausted) {
            int status = exhausted.clientStatus();
            errors.send(ctx, status, "upstream_unavailable", null, "Every provider that serves '" + request.model()
                    + "' failed or timed out (request " + record.requestId() + "). Try again shortly.");
            finish(UsageEvent.Outcome.UPSTREAM_ERROR, null, status);
        } else {
            LOGGER.errorf("request failed in the router: requestId=%s error=%s", record.requestId(), cause.toString());
            errors.send(ctx, 500, "router_error", null, "The router failed on this request (" + record.requestId()
                    + ").");
            finish(UsageEvent.Outcome.UPSTREAM_ERROR, null, 500);
        }
    }

    /** A 4xx the request caused: as it came from a provider of the client's API, else restated in its format. */
    private void relayRefusal(Answer.Refusal refusal) {
        var out = servedHeaders(refusal.status());
        if (translation.route(refusal.deployment()).passThrough()) {
            if (refusal.contentType() != null) {
                out.putHeader(HttpHeaders.CONTENT_TYPE, refusal.contentType());
            }
            out.end(refusal.body());
        } else {
            out.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(errors.body(refusal.status(), null, null,
                    "The provider serving '" + request.model() + "' refused the request: "
                            + UpstreamErrors.message(refusal.body(), json)));
        }
        finish(UsageEvent.Outcome.CLIENT_ERROR, Attempt.Outcome.CLIENT_ERROR, refusal.status());
    }

    private void relayWhole(Answer.Success success, Translation.Route route) {
        var timeouts = success.deployment().timeouts();
        var timedOut = new boolean[1];
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
            } catch (WireException | IOException e) {
                retry(Attempt.Outcome.MALFORMED);
                return;
            }
            failover.firstToken((System.nanoTime() - success.startedNanos()) / 1_000_000);
            failover.completed();
            record.firstByteSent();
            servedHeaders(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(out);
            finish(UsageEvent.Outcome.OK, Attempt.Outcome.OK, 200);
        });
    }

    /** The body for the client, its usage recorded on the way. */
    private Buffer forClient(Buffer body, Translation.Route route) throws IOException {
        if (route.api() == WireApi.EMBEDDINGS) {
            var usage = json.readTree(body.getBytes()).path("usage");
            record.tokens(new Tokens(Math.max(0, usage.path("prompt_tokens").asLong(0)), 0, 0, 0, 0));
            return body;
        }
        var reply = codecs.upstream(route.api()).decodeReply(body.getBytes());
        record.tokens(reply.usage());
        return route.passThrough()
                ? body
                : codecs.client(request.api()).encodeReply(reply, translation.conversation(), request.model());
    }

    /** The response with the headers that say who served it. */
    HttpServerResponse servedHeaders(int status) {
        var served = record.served();
        var response = ctx.response()
                .setStatusCode(status)
                .putHeader("x-switchboard-request-id", record.requestId())
                .putHeader("x-switchboard-provider", served.provider())
                .putHeader("x-switchboard-model", served.model());
        if (retiredHeader != null) {
            response.putHeader("x-switchboard-retired", retiredHeader);
        }
        var route = translation.route(served);
        if (route != null && !route.droppedTools().isEmpty()) {
            response.putHeader("x-switchboard-dropped-tools", String.join(", ", route.droppedTools()));
        }
        return response;
    }

    void finish(UsageEvent.Outcome outcome, Attempt.Outcome servedOutcome, int status) {
        var event = record.finish(outcome, servedOutcome, status, priceVersion);
        if (event != null) {
            LOGGER.debugf("request done: requestId=%s user=%s model=%s provider=%s status=%d latencyMs=%d",
                    event.requestId(), event.userId(), event.modelRequested(), event.provider(), status,
                    event.latencyMillis());
            finished.accept(event);
        }
    }

    /** The event that ends a stream the provider broke off, in the client's format. */
    Buffer interruption() {
        return errors.streamEvent(502, "upstream_interrupted", "The provider broke off its answer (request "
                + record.requestId() + "). Try again.");
    }
}
