package io.switchboard.distill.worker;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

import io.switchboard.distill.report.EvaluationSummary;

/** What a million tokens cost on each side, what training cost, and when it pays back; money in micro-USD. */
final class Costs {

    /** A cost that cannot be known: the router lists no price, or no tokens were counted. */
    static final long UNKNOWN = -1;

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final BigDecimal NANOS_PER_HOUR = BigDecimal.valueOf(3_600_000_000_000L);

    private Costs() {
    }

    /** The teacher's price per million tokens (USD) of input and output, weighted by the tokens it was asked. */
    static long teacherPerMillion(Optional<ChatClient.Pricing> pricing, long inputTokens, long outputTokens) {
        if (pricing.isEmpty() || inputTokens + outputTokens == 0) {
            return UNKNOWN;
        }
        BigDecimal usd = pricing.get().input().multiply(BigDecimal.valueOf(inputTokens))
                .add(pricing.get().output().multiply(BigDecimal.valueOf(outputTokens)));
        return micros(usd.divide(BigDecimal.valueOf(inputTokens + outputTokens), MathContext.DECIMAL64));
    }

    /**
     * A serving replica's cost per hour spread over the tokens it served in an hour, at the throughput measured: the
     * tokens (input and output) answered over the wall time they took, at the concurrency used.
     */
    static long studentPerMillion(BigDecimal usdPerHour, long tokens, long wallNanos) {
        if (tokens == 0) {
            return UNKNOWN;
        }
        BigDecimal tokensPerHour = BigDecimal.valueOf(tokens).multiply(NANOS_PER_HOUR)
                .divide(BigDecimal.valueOf(Math.max(wallNanos, 1)), MathContext.DECIMAL64);
        return micros(usdPerHour.multiply(MILLION).divide(tokensPerHour, MathContext.DECIMAL64));
    }

    /**
     * Training's time and cost at the student's hardware price, and the tokens it must serve in the teacher's stead to
     * pay that back (-1 when it is not cheaper per token, or a cost is unknown); its learning curve as it was read.
     */
    static EvaluationSummary.Training training(BigDecimal trainingSeconds, BigDecimal usdPerHour,
            long teacherPerMillion, long studentPerMillion, EvaluationSummary.LearningCurve learningCurve) {
        long cost = micros(trainingSeconds.multiply(usdPerHour).divide(SECONDS_PER_HOUR, MathContext.DECIMAL64));
        long saving = teacherPerMillion - studentPerMillion;
        long breakEven = teacherPerMillion == UNKNOWN || studentPerMillion == UNKNOWN || saving <= 0
                ? UNKNOWN
                : BigDecimal.valueOf(cost).multiply(MILLION).divide(BigDecimal.valueOf(saving), 0, RoundingMode.CEILING)
                        .longValueExact();
        return new EvaluationSummary.Training(trainingSeconds.setScale(0, RoundingMode.HALF_UP).longValueExact(), cost,
                breakEven, learningCurve);
    }

    /** Micro-USD, rounded half up. */
    private static long micros(BigDecimal usd) {
        return usd.multiply(MILLION).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
