package io.switchboard.router.api.openai;

import java.io.IOException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Attempt;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.provider.openai.OpenAiUsage;
import io.switchboard.router.routing.Answer;
import io.switchboard.router.routing.Failover;
import io.switchboard.router.routing.Timeouts;
import io.switchboard.router.usage.RequestRecord;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * Relays one upstream SSE stream event by event. Until the first event that carries the answer (a token, a tool call,
 * a finish), events are held back: a failure before then (a stall past the first-token timeout, a broken or malformed
 * stream, an error event) sends the request to the next deployment and the client sees nothing of it. After that,
 * events pass through as they arrive, with usage read on the side; a failure ends the stream with an OpenAI error
 * event, and the tokens produced so far are metered (estimated when the provider never reported usage).
 */
final class StreamRelay {

    private final ChatExchange exchange;
    private final HttpServerResponse response;
    private final ChatRequest request;
    private final RequestRecord record;
    private final Failover failover;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final SseEvents events = new SseEvents();
    private final Buffer held = Buffer.buffer();
    private Timeouts timeouts;
    private long startedNanos;
    private long firstTokenTimer = -1;
    private long totalTimer = -1;
    private long idleTimer = -1;
    private long relayedEvents;
    private boolean committed;
    private boolean done;

    StreamRelay(ChatExchange exchange, HttpServerResponse response, ChatRequest request, RequestRecord record,
            Failover failover, ObjectMapper json, Vertx vertx) {
        this.exchange = exchange;
        this.response = response;
        this.request = request;
        this.record = record;
        this.failover = failover;
        this.json = json;
        this.vertx = vertx;
    }

    static long remainingMillis(long sinceNanos, Duration limit) {
        return Math.max(1, limit.toMillis() - (System.nanoTime() - sinceNanos) / 1_000_000);
    }

    void start(Answer.Success answer) {
        timeouts = answer.deployment().timeouts();
        startedNanos = answer.startedNanos();
        firstTokenTimer = vertx.setTimer(remainingMillis(startedNanos, timeouts.firstToken()),
                id -> fail(Attempt.Outcome.TIMEOUT));
        totalTimer = vertx.setTimer(remainingMillis(startedNanos, timeouts.total()),
                id -> fail(Attempt.Outcome.TIMEOUT));
        armIdleTimer();
        answer.response().stream(this::chunk, end -> end(), broken -> fail(Attempt.Outcome.SERVER_ERROR));
    }

    private void chunk(Buffer chunk) {
        if (done || exchange.clientGone()) {
            return;
        }
        armIdleTimer();
        var out = committed ? Buffer.buffer(chunk.length()) : held;
        for (var event : events.feed(chunk)) {
            var kind = committed ? afterCommit(event) : beforeCommit(event);
            switch (kind) {
                case BAD -> {
                    fail(Attempt.Outcome.MALFORMED);
                    return;
                }
                case DROP -> {
                }
                case PREAMBLE -> out.appendBuffer(event);
                case ANSWER -> {
                    out.appendBuffer(event);
                    relayedEvents++;
                    if (!committed) {
                        commit();
                        out = Buffer.buffer();
                    }
                }
            }
        }
        if (committed && out.length() > 0) {
            response.write(out);
        }
    }

    private void commit() {
        committed = true;
        vertx.cancelTimer(firstTokenTimer);
        record.firstByteSent();
        failover.firstToken((System.nanoTime() - startedNanos) / 1_000_000);
        exchange.servedHeaders(200)
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        response.write(held);
    }

    private void end() {
        if (done || exchange.clientGone()) {
            return;
        }
        if (!committed) {
            if (relayedEvents == 0 && held.length() == 0) {
                fail(Attempt.Outcome.SERVER_ERROR); // an empty stream is no answer
                return;
            }
            commit();
        }
        stopTimers();
        done = true;
        failover.completed();
        response.end(events.remainder());
        exchange.finish(UsageEvent.Outcome.OK, Attempt.Outcome.OK, 200);
    }

    private void fail(Attempt.Outcome outcome) {
        if (done || exchange.clientGone()) {
            return;
        }
        done = true;
        stopTimers();
        if (!committed) {
            exchange.retry(outcome);
            return;
        }
        failover.brokeOff();
        failover.cancel();
        record.estimateTokens(request.body().length / 4, relayedEvents);
        response.end(ChatExchange.interruption(record.requestId()));
        exchange.finish(UsageEvent.Outcome.INTERRUPTED, outcome, 200);
    }

    private void armIdleTimer() {
        vertx.cancelTimer(idleTimer);
        idleTimer = vertx.setTimer(timeouts.idle().toMillis(), id -> fail(Attempt.Outcome.TIMEOUT));
    }

    private void stopTimers() {
        vertx.cancelTimer(firstTokenTimer);
        vertx.cancelTimer(totalTimer);
        vertx.cancelTimer(idleTimer);
    }

    private enum Kind {
        /** Carries the answer: a token, a tool call, a finish, usage, the end marker. */
        ANSWER,
        /** Comes before the answer (the role chunk, comments): held until the answer starts. */
        PREAMBLE,
        /** The usage chunk the router asked for on the client's behalf. */
        DROP,
        /** Not the API's format, or an error from the upstream. */
        BAD
    }

    private Kind beforeCommit(Buffer event) {
        var data = SseEvents.data(event);
        if (data.isEmpty()) {
            return Kind.PREAMBLE;
        }
        if (data.equals("[DONE]")) {
            return Kind.ANSWER;
        }
        JsonNode chunk;
        try {
            chunk = json.readTree(data);
        } catch (IOException e) {
            return Kind.BAD;
        }
        if (!chunk.isObject() || chunk.has("error")) {
            return Kind.BAD;
        }
        var usage = readUsage(chunk);
        if (usage != null) {
            return usage;
        }
        var choice = chunk.path("choices").path(0);
        var delta = choice.path("delta");
        boolean answers = !delta.path("content").asText("").isEmpty() || delta.has("tool_calls")
                || delta.has("function_call") || !delta.path("refusal").asText("").isEmpty()
                || !choice.path("finish_reason").isNull() && choice.has("finish_reason");
        return answers ? Kind.ANSWER : Kind.PREAMBLE;
    }

    private Kind afterCommit(Buffer event) {
        if (!event.toString().contains("\"usage\"")) {
            return Kind.ANSWER;
        }
        try {
            var usage = readUsage(json.readTree(SseEvents.data(event)));
            return usage == null ? Kind.ANSWER : usage;
        } catch (IOException e) {
            return Kind.ANSWER; // passed on as it came: the answer has started, the client may make sense of it
        }
    }

    /** Reads usage from a chunk that carries it: DROP for the chunk the client did not ask for, else ANSWER. */
    private Kind readUsage(JsonNode chunk) {
        var usage = chunk.path("usage");
        if (!usage.isObject()) {
            return null;
        }
        record.tokens(OpenAiUsage.tokens(usage));
        return request.injectsUsage() && chunk.path("choices").isEmpty() ? Kind.DROP : Kind.ANSWER;
    }
}
