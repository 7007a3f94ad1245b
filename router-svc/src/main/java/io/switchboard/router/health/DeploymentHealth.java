package io.switchboard.router.health;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.util.TypeLiteral;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.switchboard.router.routing.BreakerPolicy;
import io.switchboard.router.routing.Deployment;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * What the router knows of one deployment's health: its circuit breaker (SmallRye Fault Tolerance), its recent
 * outcomes, its time to first token (EWMA), and whether its provider said the model is gone. Shared by every event
 * loop, so its mutable parts are synchronized.
 */
public final class DeploymentHealth {

    private static final double EWMA_WEIGHT = 0.3;
    private static final int RECENT = 20;

    private final Deployment deployment;
    private final BreakerPolicy policy;
    private final TypedGuard<CompletionStage<Void>> guard;
    private final AtomicReference<CircuitBreakerState> state = new AtomicReference<>(CircuitBreakerState.CLOSED);
    private final boolean[] recentFailures = new boolean[RECENT];
    private int recentCount;
    private int recentNext;
    private long requests;
    private double ttftMillis;
    private volatile boolean gone;

    DeploymentHealth(Deployment deployment, BreakerPolicy policy) {
        this.deployment = deployment;
        this.policy = policy;
        this.guard = TypedGuard.create(new TypeLiteral<CompletionStage<Void>>() {
        })
                .withThreadOffload(false)
                .withCircuitBreaker()
                .requestVolumeThreshold(policy.window())
                .failureRatio(policy.failureRatio())
                .delay(policy.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(policy.probes())
                .failOn(AttemptFailed.class)
                .onStateChange(state::set)
                .done()
                .build();
    }

    public Deployment deployment() {
        return deployment;
    }

    BreakerPolicy policy() {
        return policy;
    }

    /**
     * Asks the circuit breaker for a call. Fails (with the breaker's open-circuit exception) when the circuit is open:
     * the deployment is skipped without a request being spent on it. Otherwise the caller must settle the ticket
     * exactly once. Completes on whatever thread the breaker decides on.
     */
    public Future<Ticket> admit() {
        var admitted = Promise.<Ticket>promise();
        var verdict = new CompletableFuture<Void>();
        guard.get(() -> {
            admitted.tryComplete(new Ticket(verdict));
            return verdict;
        }).whenComplete((ignored, failure) -> {
            if (failure != null) {
                admitted.tryFail(failure);
            }
        });
        return admitted.future();
    }

    public CircuitBreakerState state() {
        return state.get();
    }

    public boolean gone() {
        return gone;
    }

    /** The provider said this model does not exist (any more): skip it until the routing file changes. */
    public void markGone() {
        gone = true;
    }

    /** Recent time to first token in milliseconds; 0 before the first success. */
    public synchronized double ttftMillis() {
        return ttftMillis;
    }

    public synchronized long requests() {
        return requests;
    }

    /** Share of the last calls that failed. */
    public synchronized double recentErrorRate() {
        if (recentCount == 0) {
            return 0;
        }
        int failures = 0;
        for (int i = 0; i < recentCount; i++) {
            failures += recentFailures[i] ? 1 : 0;
        }
        return (double) failures / recentCount;
    }

    private synchronized void record(boolean failed) {
        requests++;
        recentFailures[recentNext] = failed;
        recentNext = (recentNext + 1) % RECENT;
        recentCount = Math.min(recentCount + 1, RECENT);
    }

    private synchronized void firstTokenAfter(long millis) {
        ttftMillis = ttftMillis == 0 ? millis : EWMA_WEIGHT * millis + (1 - EWMA_WEIGHT) * ttftMillis;
    }

    /** One admitted call; settling it tells the circuit breaker how the call went. */
    public final class Ticket {

        private final CompletableFuture<Void> verdict;

        private Ticket(CompletableFuture<Void> verdict) {
            this.verdict = verdict;
        }

        /** The answer's first token arrived this long after the call started. */
        public void firstToken(long millis) {
            firstTokenAfter(millis);
        }

        /** The deployment gave its whole answer (or a refusal the request caused). */
        public void succeeded() {
            if (verdict.complete(null)) {
                record(false);
            }
        }

        /** The deployment failed in a way that counts against its health. */
        public void failed() {
            if (verdict.completeExceptionally(new AttemptFailed())) {
                record(true);
            }
        }

        /** The call ended for a reason that says nothing of the deployment's health (the client left). */
        public void released() {
            verdict.complete(null);
        }
    }

    /** The exception that counts as a failure for the circuit breaker; never seen outside this class. */
    static final class AttemptFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        AttemptFailed() {
            super("attempt failed", null, false, false);
        }
    }
}
