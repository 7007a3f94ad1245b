package io.switchboard.router.api.openai;

import java.io.IOException;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Attempt;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.provider.UpstreamResponse;
import io.switchboard.router.routing.Failover;
import io.switchboard.router.usage.RequestRecord;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * One chat-completions request from routing to the last byte: walks the fallback chain, relays the answer (streamed
 * event by event, or whole), reads usage on the side, and emits one usage event however it ends.
 */
final class ChatExchange {

    private static final Logger LOGGER = Logger.getLogger(ChatExchange.class);
    private static final int CLIENT_CLOSED_REQUEST = 499;

    private final RoutingContext ctx;
    private final ChatRequest request;
    private final RequestRecord record;
    private final Failover failover;
    private final ObjectMapper json;
    private final Consumer<UsageEvent> finished;
    private final String priceVersion;
    private boolean clientGone;

    ChatExchange(RoutingContext ctx, ChatRequest request, RequestRecord record, Failover failover, ObjectMapper json,
            Consumer<UsageEvent> finished, String priceVersion) {
        this.ctx = ctx;
        this.request = request;
        this.record = record;
        this.failover = failover;
        this.json = json;
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
        failover.serve(deployment -> request.forUpstream(deployment.model(), json)).onComplete(served -> {
            if (clientGone) {
                return;
            }
            if (served.failed()) {
                failed(served.cause());
                return;
            }
            var response = served.result();
            if (response.status() / 100 != 2) {
                relayClientError(response);
            } else if (request.stream() && isEventStream(response)) {
                relayStream(response);
            } else {
                relayWhole(response);
            }
        });
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

    private void relayClientError(UpstreamResponse response) {
        response.body().onComplete(body -> {
            var out = servedHeaders(response.status());
            var type = response.header("content-type");
            if (type != null) {
                out.putHeader(HttpHeaders.CONTENT_TYPE, type);
            }
            out.end(body.succeeded() ? body.result() : Buffer.buffer());
            finish(UsageEvent.Outcome.CLIENT_ERROR, Attempt.Outcome.CLIENT_ERROR, response.status());
        });
    }

    private void relayWhole(UpstreamResponse response) {
        response.body().onComplete(body -> {
            if (clientGone) {
                return;
            }
            if (body.failed()) {
                OpenAiErrors.send(ctx, 502, "server_error", "upstream_interrupted",
                        "The provider broke off its answer (request " + record.requestId() + "). Try again.");
                finish(UsageEvent.Outcome.INTERRUPTED, Attempt.Outcome.STREAM_ERROR, 502);
                return;
            }
            readUsage(body.result());
            record.firstByteSent();
            servedHeaders(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.result());
            finish(UsageEvent.Outcome.OK, Attempt.Outcome.OK, 200);
        });
    }

    private void relayStream(UpstreamResponse response) {
        var out = servedHeaders(200)
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        var events = new SseEvents();
        response.stream(chunk -> {
            if (clientGone) {
                return;
            }
            var relayed = Buffer.buffer(chunk.length());
            for (var event : events.feed(chunk)) {
                if (keep(event)) {
                    relayed.appendBuffer(event);
                }
            }
            if (relayed.length() > 0) {
                record.firstByteSent();
                out.write(relayed);
            }
        }, end -> {
            if (clientGone) {
                return;
            }
            out.end(events.remainder());
            finish(UsageEvent.Outcome.OK, Attempt.Outcome.OK, 200);
        }, failure -> {
            if (clientGone) {
                return;
            }
            out.end(OpenAiErrors.streamEvent("server_error", "upstream_interrupted",
                    "The provider broke off its answer (request " + record.requestId() + "). Try again."));
            finish(UsageEvent.Outcome.INTERRUPTED, Attempt.Outcome.STREAM_ERROR, 200);
        });
    }

    /** Reads usage from an event that carries it; drops the usage chunk the client did not ask for. */
    private boolean keep(Buffer event) {
        var text = event.toString();
        if (!text.contains("\"usage\"")) {
            return true;
        }
        var data = SseEvents.data(event);
        if (data.isEmpty() || data.equals("[DONE]")) {
            return true;
        }
        try {
            var chunk = json.readTree(data);
            var usage = chunk.path("usage");
            if (usage.isObject()) {
                record.tokens(OpenAiUsage.tokens(usage));
                return !(request.injectsUsage() && chunk.path("choices").isEmpty());
            }
        } catch (IOException e) {
            LOGGER.debugf("unparseable stream event passed on: requestId=%s", record.requestId());
        }
        return true;
    }

    private void readUsage(Buffer body) {
        try {
            JsonNode usage = json.readTree(body.getBytes()).path("usage");
            if (usage.isObject()) {
                record.tokens(OpenAiUsage.tokens(usage));
            }
        } catch (IOException e) {
            LOGGER.warnf("answer without readable usage: requestId=%s provider=%s", record.requestId(),
                    record.served().provider());
        }
    }

    private HttpServerResponse servedHeaders(int status) {
        var served = record.served();
        return ctx.response()
                .setStatusCode(status)
                .putHeader("x-switchboard-request-id", record.requestId())
                .putHeader("x-switchboard-provider", served.provider())
                .putHeader("x-switchboard-model", served.model());
    }

    private static boolean isEventStream(UpstreamResponse response) {
        var type = response.header("content-type");
        return type != null && type.startsWith("text/event-stream");
    }

    private void finish(UsageEvent.Outcome outcome, Attempt.Outcome servedOutcome, int status) {
        var event = record.finish(outcome, servedOutcome, status, priceVersion);
        if (event != null) {
            LOGGER.debugf("request done: requestId=%s user=%s model=%s provider=%s status=%d latencyMs=%d",
                    event.requestId(), event.userId(), event.modelRequested(), event.provider(), status,
                    event.latencyMillis());
            finished.accept(event);
        }
    }
}
