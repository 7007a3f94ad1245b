package io.switchboard.router.api.openai;

import java.io.IOException;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Attempt;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.provider.openai.OpenAiUsage;
import io.switchboard.router.routing.Answer;
import io.switchboard.router.routing.Failover;
import io.switchboard.router.usage.RequestRecord;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * One chat-completions request from routing to the last byte: takes the failover's answer, relays it (a stream through
 * a {@link StreamRelay}, a whole answer at once), goes back to the failover when an answer fails before anything of it
 * reached the client, and emits one usage event however it ends.
 */
final class ChatExchange {

    private static final Logger LOGGER = Logger.getLogger(ChatExchange.class);
    private static final int CLIENT_CLOSED_REQUEST = 499;

    private final RoutingContext ctx;
    private final ChatRequest request;
    private final RequestRecord record;
    private final Failover failover;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final String retiredHeader;
    private final Consumer<UsageEvent> finished;
    private final String priceVersion;
    private boolean clientGone;

    ChatExchange(RoutingContext ctx, ChatRequest request, RequestRecord record, Failover failover, ObjectMapper json,
            Vertx vertx, String retiredHeader, Consumer<UsageEvent> finished, String priceVersion) {
        this.ctx = ctx;
        this.request = request;
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
            if (request.stream() && type != null && type.startsWith("text/event-stream")) {
                new StreamRelay(this, ctx.response(), request, record, failover, json, vertx).start(success);
            } else {
                relayWhole(success);
            }
        }
    }

    private void failed(Throwable cause) {
        if (cause instanceof Failover.ChainExhaustedException exhausted) {
            int status = exhausted.clientStatus();
            OpenAiErrors.send(ctx, status, status == 429 ? "rate_limit_error" : "server_error",
                    "upstream_unavailable", "Every provider that serves '" + request.model()
                            + "' failed or timed out (request " + record.requestId() + "). Try again shortly.");
            finish(UsageEvent.Outcome.UPSTREAM_ERROR, null, status);
        } else {
            LOGGER.errorf("request failed in the router: requestId=%s error=%s", record.requestId(), cause.toString());
            OpenAiErrors.send(ctx, 500, "server_error", "router_error",
                    "The router failed on this request (" + record.requestId() + ").");
            finish(UsageEvent.Outcome.UPSTREAM_ERROR, null, 500);
        }
    }

    private void relayRefusal(Answer.Refusal refusal) {
        var out = servedHeaders(refusal.status());
        if (refusal.contentType() != null) {
            out.putHeader(HttpHeaders.CONTENT_TYPE, refusal.contentType());
        }
        out.end(refusal.body());
        finish(UsageEvent.Outcome.CLIENT_ERROR, Attempt.Outcome.CLIENT_ERROR, refusal.status());
    }

    private void relayWhole(Answer.Success success) {
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
            try {
                var usage = json.readTree(body.result().getBytes()).path("usage");
                if (usage.isObject()) {
                    record.tokens(OpenAiUsage.tokens(usage));
                }
            } catch (IOException e) {
                retry(Attempt.Outcome.MALFORMED);
                return;
            }
            failover.firstToken((System.nanoTime() - success.startedNanos()) / 1_000_000);
            failover.completed();
            record.firstByteSent();
            servedHeaders(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.result());
            finish(UsageEvent.Outcome.OK, Attempt.Outcome.OK, 200);
        });
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

    static Buffer interruption(String requestId) {
        return OpenAiErrors.streamEvent("server_error", "upstream_interrupted",
                "The provider broke off its answer (request " + requestId + "). Try again.");
    }
}
