package io.switchboard.router.exchange;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.switchboard.events.Attempt;
import io.switchboard.router.health.DeploymentHealth;
import io.switchboard.router.health.HealthBoard;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.router.provider.UpstreamCall;
import io.switchboard.router.routing.Deployment;
import io.switchboard.router.routing.RetryPolicy;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * Walks a request's chain of deployments until one answers. A deployment whose circuit is open is skipped without a
 * call; a connect error, a timeout, a 408, a 429 or a 5xx moves on (a 429 with a short {@code Retry-After} is retried
 * once on the same deployment after the wait); a provider saying the model is gone marks the deployment and moves on.
 * Other 4xx answers are the request's fault and end the walk. The walk stops when the retry policy's attempts or time
 * budget are spent. Nothing reaches the client during the walk, so every failure in it is invisible. Confined to the
 * request's event loop.
 */
final class Failover {

    private final List<Deployment> chain;
    private final RetryPolicy retry;
    private final Function<Deployment, UpstreamCall> send;
    private final HealthBoard health;
    private final RouterMetrics metrics;
    private final RequestRecord record;
    private final Vertx vertx;
    private final Context context;
    private final long startedNanos = System.nanoTime();
    private final Set<Deployment> waitedFor = new HashSet<>();
    private int index;
    private int attempts;
    private Current current;
    private boolean cancelled;

    Failover(RequestContext request, Services services) {
        this.chain = request.translation().chain();
        this.retry = request.retry();
        this.send = request.translation()::send;
        this.health = services.health();
        this.metrics = services.metrics();
        this.record = request.record();
        this.vertx = services.vertx();
        this.context = vertx.getOrCreateContext();
    }

    /** The first answer; fails with {@link ChainExhaustedException} when no deployment could give one. */
    Future<Answer> start() {
        var promise = Promise.<Answer>promise();
        next(promise);
        return promise.future();
    }

    /**
     * The last answer failed before anything of it reached the client: counts it against its deployment and goes on
     * with the chain.
     */
    Future<Answer> resume(Attempt.Outcome outcome) {
        current.call().cancel();
        record.unserved();
        failed(outcome, 200, true);
        return start();
    }

    /** The last answer started reaching the client, this long after its call started. */
    void firstToken(long millis) {
        current.ticket().firstToken(millis);
    }

    /** The last answer reached the client whole. */
    void completed() {
        current.ticket().succeeded();
    }

    /** The last answer broke off after it had started reaching the client. */
    void brokeOff() {
        current.ticket().failed();
    }

    /** The client has gone: stops the walk and the call in flight. */
    void cancel() {
        cancelled = true;
        if (current != null) {
            current.call().cancel();
            current.ticket().released();
        }
    }

    private void next(Promise<Answer> promise) {
        if (cancelled || index >= chain.size() || attempts >= retry.maxAttempts()
                || System.nanoTime() - startedNanos >= retry.budget().toNanos()) {
            promise.tryFail(cancelled
                    ? new IllegalStateException("cancelled")
                    : new ChainExhaustedException(record.attempts()));
            return;
        }
        var deployment = chain.get(index);
        health.of(deployment).admit().onComplete(admitted -> onRequestContext(() -> {
            if (admitted.succeeded() && cancelled) {
                admitted.result().released();
                promise.tryFail("cancelled");
            } else if (admitted.succeeded()) {
                call(deployment, admitted.result(), promise);
            } else {
                metrics.circuitSkip(record.modelRequested(), deployment.provider());
                index++;
                next(promise);
            }
        }));
    }

    /** The breaker may answer on another thread; the request's state belongs to its own event loop. */
    private void onRequestContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    private void call(Deployment deployment, DeploymentHealth.Ticket ticket, Promise<Answer> promise) {
        attempts++;
        long started = System.nanoTime();
        var call = send.apply(deployment);
        current = new Current(deployment, ticket, call, started);
        call.response().onComplete(answered -> {
            if (cancelled) {
                promise.tryFail("cancelled");
                return;
            }
            if (answered.failed()) {
                failed(UpstreamVerdicts.outcomeOf(answered.cause()), 0, true);
                next(promise);
                return;
            }
            var response = answered.result();
            int status = response.status();
            if (status / 100 == 2) {
                record.servedBy(deployment, started);
                promise.complete(new Answer.Success(deployment, response, started));
            } else if (UpstreamVerdicts.retryable(status)) {
                response.body(); // read and dropped, so that the connection goes back to the pool
                var wait = status == 429
                        ? UpstreamVerdicts.retryAfter(response.header("retry-after"), Instant.now())
                        : null;
                if (wait != null && wait.compareTo(retry.maxRetryAfter()) <= 0 && waitedFor.add(deployment)
                        && System.nanoTime() - startedNanos + wait.toNanos() < retry.budget().toNanos()) {
                    failed(Attempt.Outcome.RATE_LIMITED, status, false);
                    vertx.setTimer(Math.max(1, wait.toMillis()), id -> next(promise));
                } else {
                    failed(UpstreamVerdicts.outcomeOf(status), status, true);
                    next(promise);
                }
            } else {
                response.body().onComplete(body -> refused(deployment, status, response.header("content-type"),
                        body.succeeded() ? body.result() : Buffer.buffer(), started, promise));
            }
        });
    }

    private void refused(Deployment deployment, int status, String contentType, Buffer body, long started,
            Promise<Answer> promise) {
        if (cancelled) {
            promise.tryFail("cancelled");
        } else if (UpstreamVerdicts.modelGone(status, body.toString())) {
            health.of(deployment).markGone();
            current.ticket().released();
            record(Attempt.Outcome.MODEL_GONE, status, true);
            next(promise);
        } else {
            current.ticket().succeeded();
            record.servedBy(deployment, started);
            promise.complete(new Answer.Refusal(deployment, status, contentType, body, started));
        }
    }

    /** Counts the current attempt as failed: against the deployment's health, in the record and in metrics. */
    private void failed(Attempt.Outcome outcome, int status, boolean moveOn) {
        current.ticket().failed();
        record(outcome, status, moveOn);
    }

    private void record(Attempt.Outcome outcome, int status, boolean moveOn) {
        var deployment = current.deployment();
        record.failedAttempt(new Attempt(deployment.provider(), deployment.model(), outcome, status,
                (System.nanoTime() - current.startedNanos()) / 1_000_000));
        metrics.failover(record.modelRequested(), deployment.provider(), outcome);
        if (moveOn) {
            index++;
        }
    }

    private record Current(Deployment deployment, DeploymentHealth.Ticket ticket, UpstreamCall call,
            long startedNanos) {
    }

    /** No deployment of the chain could answer within the retry policy. */
    static final class ChainExhaustedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient List<Attempt> attempts;

        ChainExhaustedException(List<Attempt> attempts) {
            super("every deployment failed", null, false, false);
            this.attempts = List.copyOf(attempts);
        }

        /** The status that tells the client best what happened: 429 if all were rate-limited, 504 if all timed out. */
        int clientStatus() {
            if (attempts.isEmpty()) {
                return 503;
            }
            if (attempts.stream().allMatch(a -> a.outcome() == Attempt.Outcome.RATE_LIMITED)) {
                return 429;
            }
            if (attempts.stream().allMatch(a -> a.outcome() == Attempt.Outcome.TIMEOUT)) {
                return 504;
            }
            return 502;
        }
    }
}
