package io.switchboard.distill.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.switchboard.distill.api.Acceptance;
import io.switchboard.runtime.Durations;

/**
 * The spec's trade-offs judged against what the evaluation measured: accuracy, then latency, then cost; a trade-off
 * the spec leaves out is not judged. A student that misses one is a result, not an error.
 */
public final class Tradeoffs {

    private Tradeoffs() {
    }

    public static Verdict judge(Acceptance acceptance, EvaluationSummary summary) {
        List<Check> checks = new ArrayList<>();
        BigDecimal accuracy = new BigDecimal(summary.relativeAccuracy());
        checks.add(new Check("relative accuracy", "minRelativeAccuracy", acceptance.minRelativeAccuracy,
                summary.relativeAccuracy(), accuracy.compareTo(new BigDecimal(acceptance.minRelativeAccuracy)) >= 0,
                false, "BelowAccuracy"));
        if (acceptance.maxP95Latency != null) {
            long p95 = summary.student().p95LatencyMillis();
            checks.add(new Check("student p95 latency", "maxP95Latency", acceptance.maxP95Latency, p95 + "ms",
                    p95 <= millis(acceptance.maxP95Latency), true, "TooSlow"));
        }
        if (acceptance.maxCostRatio != null) {
            BigDecimal cost = new BigDecimal(summary.costRatio());
            checks.add(new Check("cost ratio", "maxCostRatio", acceptance.maxCostRatio, summary.costRatio(),
                    cost.compareTo(new BigDecimal(acceptance.maxCostRatio)) <= 0, true, "TooExpensive"));
        }
        return new Verdict(List.copyOf(checks));
    }

    /** {@code 800ms} or {@code 2s}, as the schema's pattern allows. */
    public static long millis(String latency) {
        return Durations.parse(latency).toMillis();
    }

    /**
     * One trade-off.
     *
     * @param what the measured figure, in words
     * @param field the field of {@code spec.acceptance} that bounds it
     * @param wanted the bound, as the spec writes it
     * @param measured the figure, as the report writes it
     * @param maximum whether the bound is a maximum (else a minimum)
     * @param failure the condition reason when it is not met
     */
    public record Check(String what, String field, String wanted, String measured, boolean met, boolean maximum,
            String failure) {

        public String message() {
            String relation = met
                    ? (maximum ? "is within" : "is at least")
                    : (maximum ? "is above" : "is below");
            return what + " " + measured + " " + relation + " spec.acceptance." + field + " " + wanted;
        }
    }

    /** All the trade-offs judged, in the order accuracy, latency, cost. */
    public record Verdict(List<Check> checks) {

        public boolean met() {
            return checks.stream().allMatch(Check::met);
        }

        /** {@code Met}, or the reason of the first trade-off missed. */
        public String reason() {
            return checks.stream().filter(check -> !check.met()).map(Check::failure).findFirst().orElse("Met");
        }

        /** The trade-offs missed, or all of them when every one is met, with their figures and fields. */
        public String message() {
            return checks.stream().filter(check -> met() || !check.met()).map(Check::message)
                    .collect(Collectors.joining("; "));
        }
    }
}
