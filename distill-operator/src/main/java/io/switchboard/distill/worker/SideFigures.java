package io.switchboard.distill.worker;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

import io.switchboard.distill.report.EvaluationSummary;

/** One side's figures over the held-out examples: passes per eval, failed requests, latency and tokens. */
final class SideFigures {

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private final String model;
    private final int examples;
    private final int[] passed;
    private final List<Evals.Scored> evals;
    private final int errors;
    private final long[] latencies;
    private final long promptTokens;
    private final long completionTokens;

    /**
     * @param replies each example's reply
     * @param passes for each example, whether it passed each eval
     */
    SideFigures(String model, List<Reply> replies, List<List<Boolean>> passes, List<Evals.Scored> evals) {
        this.model = model;
        this.examples = replies.size();
        this.evals = evals;
        this.passed = new int[evals.size()];
        for (List<Boolean> example : passes) {
            for (int i = 0; i < passed.length; i++) {
                passed[i] += example.get(i) ? 1 : 0;
            }
        }
        List<Reply> answered = replies.stream().filter(Reply::ok).toList();
        this.errors = examples - answered.size();
        this.latencies = answered.stream().mapToLong(Reply::latencyNanos).sorted().toArray();
        this.promptTokens = answered.stream().mapToLong(Reply::promptTokens).sum();
        this.completionTokens = answered.stream().mapToLong(Reply::completionTokens).sum();
    }

    /** The evals' weighted share of passed examples, 0 to 1, unrounded. */
    BigDecimal accuracy() {
        long weighted = 0;
        long total = 0;
        for (int i = 0; i < passed.length; i++) {
            weighted += (long) evals.get(i).weight() * passed[i];
            total += (long) evals.get(i).weight() * examples;
        }
        return BigDecimal.valueOf(weighted).divide(BigDecimal.valueOf(total), MathContext.DECIMAL64);
    }

    /** The share of examples that passed eval {@code i}. */
    String share(int i) {
        return Ratios.of(passed[i], examples);
    }

    /** The nearest-rank percentile of the answered requests' latencies, in nanoseconds. */
    long latencyNanos(int percentile) {
        if (latencies.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * latencies.length);
        return latencies[Math.max(rank, 1) - 1];
    }

    long tokens() {
        return promptTokens + completionTokens;
    }

    long promptTokens() {
        return promptTokens;
    }

    long completionTokens() {
        return completionTokens;
    }

    EvaluationSummary.Side side(long costMicrosPerMillionTokens) {
        long latencySum = 0;
        for (long latency : latencies) {
            latencySum += latency;
        }
        String outputTokensPerSecond = Ratios.of(BigDecimal.valueOf(completionTokens).multiply(NANOS_PER_SECOND),
                BigDecimal.valueOf(latencySum), 1);
        return new EvaluationSummary.Side(model, accuracy().setScale(3, RoundingMode.HALF_UP).toPlainString(),
                errors, millis(latencyNanos(50)), millis(latencyNanos(95)), outputTokensPerSecond,
                costMicrosPerMillionTokens);
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
