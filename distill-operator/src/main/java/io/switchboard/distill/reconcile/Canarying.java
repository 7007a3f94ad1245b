package io.switchboard.distill.reconcile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.distill.api.Canary;
import io.switchboard.distill.api.CanaryStatus;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.DistillationJobStatus;
import io.switchboard.distill.model.Inputs;
import io.switchboard.distill.promotion.LiveStudents;
import io.switchboard.distill.report.EvaluationSummary;
import io.switchboard.distill.report.Tradeoffs;
import io.switchboard.runtime.Durations;

/**
 * A canary promotion (spec.promotion.canary): the route takes the first step's share of the requests; at each step,
 * once the student has answered {@code minRequests} live requests, an error ratio or a p95 latency above its bound
 * withdraws the route for good, and after {@code interval} within them the route takes the next step's share. The
 * last step (100%) ends it. The figures are the student's attempts in the router's usage events since the step
 * began.
 */
@ApplicationScoped
public class Canarying {

    static final String CANARY_FAILED = "CanaryFailed";
    static final String DEFAULT_INTERVAL = "10m";
    static final int DEFAULT_MIN_REQUESTS = 100;
    static final String DEFAULT_MAX_ERROR_RATIO = "0.05";

    /** Where the canary stands after this reconcile. */
    enum Progress {
        /** A step is under way: look again soon. */
        RUNNING,
        /** At 100%, or withdrawn: settled. */
        DONE,
        /** Kafka did not take a route or a tombstone: tried again. */
        NOT_SENT
    }

    private final Promoting promoting;
    private final LiveStudents live;

    public Canarying(Promoting promoting, LiveStudents live) {
        this.promoting = promoting;
        this.live = live;
    }

    Progress advance(DistillationJob job, Inputs inputs, EvaluationSummary summary, DistillationJobStatus status) {
        Canary canary = job.getSpec().promotion.canary;
        CanaryStatus state = status.canary == null ? new CanaryStatus() : status.canary;
        status.canary = state;
        if (Boolean.TRUE.equals(state.withdrawn)) {
            var promoted = Conditions.find(status, Conditions.PROMOTED).orElseThrow();
            return promoting.withhold(job, status, CANARY_FAILED, promoted.getMessage())
                    ? Progress.DONE
                    : Progress.NOT_SENT;
        }
        if (state.step == null) {
            state.step = 0;
        }
        int share = canary.steps.get(state.step);
        if (state.share == null || state.share != share) {
            if (!promoting.promote(inputs, summary, status, share)) {
                return Progress.NOT_SENT;
            }
            state.share = share;
            state.stepStartTime = Instant.now().toString();
            state.requests = null;
            state.errors = null;
            state.p95LatencyMillis = null;
        }
        if (share == 100) {
            return Progress.DONE;
        }
        Instant stepStart = Instant.parse(state.stepStartTime);
        var figures = live.since(Promoting.key(job), stepStart);
        if (figures.isEmpty()) {
            // the usage events are still being read
            return Progress.RUNNING;
        }
        state.requests = figures.get().requests();
        state.errors = figures.get().errors();
        state.p95LatencyMillis = figures.get().p95LatencyMillis();
        int minRequests = canary.minRequests == null ? DEFAULT_MIN_REQUESTS : canary.minRequests;
        if (state.requests < minRequests) {
            return Progress.RUNNING;
        }
        String missed = missed(job, canary, state);
        if (missed != null) {
            state.withdrawn = true;
            return promoting.withhold(job, status, CANARY_FAILED, "The student was withdrawn at " + share
                    + "% of the requests (step " + (state.step + 1) + " of " + canary.steps.size() + "): " + missed
                    + ".") ? Progress.DONE : Progress.NOT_SENT;
        }
        if (Duration.between(stepStart, Instant.now()).compareTo(interval(canary)) >= 0) {
            state.step++;
            // the next step's share is published by the next reconcile, which comes at once
            return advance(job, inputs, summary, status);
        }
        return Progress.RUNNING;
    }

    /** How soon a running canary is looked at again. */
    static Duration recheck(DistillationJob job) {
        Duration interval = interval(job.getSpec().promotion.canary);
        return interval.compareTo(Duration.ofSeconds(10)) < 0 ? interval : Duration.ofSeconds(10);
    }

    static Duration interval(Canary canary) {
        return Durations.parse(canary.interval == null ? DEFAULT_INTERVAL : canary.interval);
    }

    /** The bound the step's figures miss, in words, or {@code null} when they keep to them. */
    private static String missed(DistillationJob job, Canary canary, CanaryStatus state) {
        BigDecimal ratio = BigDecimal.valueOf(state.errors).divide(BigDecimal.valueOf(state.requests), 3,
                RoundingMode.HALF_UP);
        String bound = canary.maxErrorRatio == null ? DEFAULT_MAX_ERROR_RATIO : canary.maxErrorRatio;
        if (ratio.compareTo(new BigDecimal(bound)) > 0) {
            return "error ratio " + ratio.stripTrailingZeros().toPlainString() + " (" + state.errors + " of "
                    + state.requests + " requests) is above spec.promotion.canary.maxErrorRatio " + bound;
        }
        String latency = job.getSpec().acceptance.maxP95Latency;
        if (latency != null && state.p95LatencyMillis > Tradeoffs.millis(latency)) {
            return "p95 latency " + state.p95LatencyMillis + "ms of " + state.requests
                    + " requests is above spec.acceptance.maxP95Latency " + latency;
        }
        return null;
    }
}
