package io.switchboard.router.routing;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Function;

import io.netty.channel.ConnectTimeoutException;
import io.switchboard.events.Attempt;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.router.provider.Providers;
import io.switchboard.router.provider.UpstreamCall;
import io.switchboard.router.provider.UpstreamResponse;
import io.switchboard.router.provider.UpstreamTimeoutException;
import io.switchboard.router.routing.RoutingTable.Deployment;
import io.switchboard.router.usage.RequestRecord;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

/**
 * Walks a model's fallback chain for one request: each deployment in turn until one answers with something other than
 * a connect error, a timeout, a 408, a 429 or a 5xx. Answers the client caused (other 4xx) end the walk and go back to
 * the client as they are. Nothing has reached the client while the walk goes on, so a failure is invisible to it.
 */
public final class Failover {

    private final List<Deployment> chain;
    private final Providers providers;
    private final RouterMetrics metrics;
    private final RequestRecord record;
    private UpstreamCall current;
    private boolean cancelled;

    public Failover(List<Deployment> chain, Providers providers, RouterMetrics metrics, RequestRecord record) {
        this.chain = chain;
        this.providers = providers;
        this.metrics = metrics;
        this.record = record;
    }

    /** Completes with the first usable answer, or fails with {@link ChainExhaustedException}. */
    public Future<UpstreamResponse> serve(Function<Deployment, Buffer> bodyFor) {
        var promise = Promise.<UpstreamResponse>promise();
        attempt(0, bodyFor, promise);
        return promise.future();
    }

    /** Stops the walk and the call in flight, if any: the client has gone. */
    public void cancel() {
        cancelled = true;
        if (current != null) {
            current.cancel();
        }
    }

    private void attempt(int index, Function<Deployment, Buffer> bodyFor, Promise<UpstreamResponse> promise) {
        if (cancelled) {
            promise.tryFail("cancelled");
            return;
        }
        if (index >= chain.size()) {
            promise.fail(new ChainExhaustedException(record.attempts()));
            return;
        }
        var deployment = chain.get(index);
        long started = System.nanoTime();
        current = providers.get(deployment.provider()).chatCompletions(bodyFor.apply(deployment));
        current.response().onComplete(answer -> {
            if (cancelled) {
                promise.tryFail("cancelled");
                return;
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (answer.failed()) {
                passOn(index, deployment, classify(answer.cause()), 0, millis, bodyFor, promise);
                return;
            }
            var response = answer.result();
            int status = response.status();
            if (retryable(status)) {
                response.body(); // read and drop, so the connection goes back to the pool
                passOn(index, deployment, status == 429 ? Attempt.Outcome.RATE_LIMITED : Attempt.Outcome.SERVER_ERROR,
                        status, millis, bodyFor, promise);
                return;
            }
            record.servedBy(deployment, started);
            promise.complete(response);
        });
    }

    private void passOn(int index, Deployment deployment, Attempt.Outcome outcome, int status, long millis,
            Function<Deployment, Buffer> bodyFor, Promise<UpstreamResponse> promise) {
        record.failedAttempt(new Attempt(deployment.provider(), deployment.model(), outcome, status, millis));
        metrics.failover(record.modelRequested(), deployment.provider(), outcome);
        attempt(index + 1, bodyFor, promise);
    }

    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    static Attempt.Outcome classify(Throwable failure) {
        if (failure instanceof UpstreamTimeoutException) {
            return Attempt.Outcome.TIMEOUT;
        }
        if (failure instanceof ConnectException || failure instanceof ConnectTimeoutException
                || failure instanceof UnknownHostException) {
            return Attempt.Outcome.CONNECT_ERROR;
        }
        return Attempt.Outcome.SERVER_ERROR;
    }

    /** Every deployment of the chain failed. */
    public static final class ChainExhaustedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient List<Attempt> attempts;

        ChainExhaustedException(List<Attempt> attempts) {
            super("every deployment failed", null, false, false);
            this.attempts = List.copyOf(attempts);
        }

        /** The status that tells the client best what happened: 429 if all were rate-limited, 504 if all timed out. */
        public int clientStatus() {
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
