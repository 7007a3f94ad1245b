package io.switchboard.router.exchange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.switchboard.events.Attempt;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.routing.Timeouts;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.StreamDecoder;
import io.switchboard.router.translate.StreamEncoder;
import io.switchboard.router.translate.StreamEvent;
import io.switchboard.router.translate.WireException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * Relays one upstream SSE stream event by event. Every event is read by the upstream API's decoder, which says what it
 * carries; the client gets the event as it came (pass-through) or the encoder's rendering of it in the client's API
 * (translation). Until the first event that carries the answer (a token, a tool call, a finish), events are held back:
 * a failure before then (a stall past the first-token timeout, a broken or malformed stream, an error event) sends
 * the request to the next deployment and the client sees nothing of it. After that, a failure ends the stream with an
 * error event in the client's format, and the tokens produced so far are metered (estimated when the provider never
 * reported usage).
 */
final class StreamRelay {

    private final Exchange exchange;
    private final RequestContext context;
    private final ClientRequest request;
    private final RequestRecord record;
    private final Failover failover;
    private final Vertx vertx;
    private final StreamDecoder decoder;
    private final StreamEncoder encoder;
    private final SseEvents events = new SseEvents();
    private final Buffer held = Buffer.buffer();
    private final List<StreamEvent> decoded = new ArrayList<>(4);
    private final HttpServerResponse response;
    private Timeouts timeouts;
    private long startedNanos;
    private long firstTokenTimer = -1;
    private long totalTimer = -1;
    private long idleTimer = -1;
    private long relayedEvents;
    private boolean committed;
    private boolean done;

    private StreamRelay(Exchange exchange, RequestContext context, Failover failover, Vertx vertx,
            StreamDecoder decoder, StreamEncoder encoder) {
        this.exchange = exchange;
        this.context = context;
        this.request = context.request();
        this.record = context.record();
        this.response = context.http().response();
        this.failover = failover;
        this.vertx = vertx;
        this.decoder = decoder;
        this.encoder = encoder;
    }

    /** A relay of the provider's events as they came, read on the side. */
    static StreamRelay passThrough(Exchange exchange, RequestContext context, Failover failover, Vertx vertx,
            StreamDecoder decoder) {
        return new StreamRelay(exchange, context, failover, vertx, decoder, null);
    }

    /** A relay that rewrites the provider's events into the client's API. */
    static StreamRelay translating(Exchange exchange, RequestContext context, Failover failover, Vertx vertx,
            StreamDecoder decoder, StreamEncoder encoder) {
        return new StreamRelay(exchange, context, failover, vertx, decoder, encoder);
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
            decoded.clear();
            var fields = SseEvents.read(event);
            var data = fields.data();
            try {
                if (!data.isEmpty()) {
                    decoder.decode(fields.name(), data, decoded::add);
                }
            } catch (WireException e) {
                fail(Attempt.Outcome.MALFORMED);
                return;
            }
            boolean answers = readAnswer();
            if (encoder == null) {
                if (!dropped()) {
                    out.appendBuffer(event);
                }
            } else {
                for (var decodedEvent : decoded) {
                    out.appendBuffer(encoder.encode(decodedEvent));
                }
            }
            if (answers) {
                relayedEvents++;
                if (!committed) {
                    commit();
                    out = Buffer.buffer();
                }
            }
        }
        if (committed && out.length() > 0) {
            response.write(out);
        }
    }

    /** Records the usage the decoded events report (and copies them when captured); whether any carries the answer. */
    private boolean readAnswer() {
        boolean answers = false;
        var copy = context.answerCopy();
        for (var event : decoded) {
            if (copy != null) {
                copy.streamed(event);
            }
            if (event instanceof StreamEvent.Started started) {
                record.tokens(started.usage());
            } else if (event instanceof StreamEvent.Finished finished) {
                record.tokens(finished.usage());
                answers = true;
            } else if (event instanceof StreamEvent.Delta delta) {
                answers |= !delta.text().isEmpty();
            } else if (event instanceof StreamEvent.BlockStarted started) {
                answers |= started.block() instanceof Part.ToolCall;
            }
        }
        return answers;
    }

    /**
     * The usage chunk the router asked a chat-completions upstream for on the client's behalf is not relayed: the
     * decoder has just read the usage from it and says it carried nothing else.
     */
    private boolean dropped() {
        return request.injectsUsage() && decoder.usageOnly();
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
        decoded.clear();
        try {
            decoder.end(decoded::add);
        } catch (WireException e) {
            fail(relayedEvents == 0 ? Attempt.Outcome.SERVER_ERROR : Attempt.Outcome.MALFORMED);
            return;
        }
        boolean answers = readAnswer();
        if (!committed) {
            if (!answers && relayedEvents == 0) {
                fail(Attempt.Outcome.SERVER_ERROR); // a stream without an answer is no answer
                return;
            }
            commit();
        }
        stopTimers();
        done = true;
        failover.completed();
        var tail = Buffer.buffer();
        if (encoder == null) {
            tail.appendBuffer(events.remainder());
        } else {
            decoded.forEach(e -> tail.appendBuffer(encoder.encode(e)));
        }
        response.end(tail);
        exchange.finish(UsageEvent.Outcome.OK, Attempt.Outcome.OK, 200);
    }

    private void fail(Attempt.Outcome outcome) {
        if (done || exchange.clientGone()) {
            return;
        }
        done = true;
        stopTimers();
        if (!committed) {
            if (context.answerCopy() != null) {
                context.answerCopy().reset();
            }
            exchange.retry(outcome);
            return;
        }
        failover.brokeOff();
        failover.cancel();
        record.estimateTokens(request.body().length / 4, relayedEvents);
        response.end(exchange.interruption());
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
}
