package io.switchboard.distill.reconcile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.DistillationJobStatus;
import io.switchboard.distill.api.Eval;
import io.switchboard.distill.api.Shadow;
import io.switchboard.distill.api.ShadowStatus;
import io.switchboard.distill.promotion.LiveStudents;
import io.switchboard.runtime.Durations;

/**
 * Shadow evaluation of a promoted student (spec.promotion.shadow): the router asks the teacher a share of the
 * requests the student answered and meters whether the two answers agree; this reads those verdicts over the window
 * (since the route was published, at most) into status.shadow, and once there are {@code minRequests} of them, an
 * agreement below {@code minAgreement} withdraws the route for good.
 */
@ApplicationScoped
public class Shadowing {

    static final String SHADOW_DISAGREED = "ShadowDisagreed";
    /** How often a shadowed route is looked at. */
    static final Duration RECHECK = Duration.ofSeconds(10);
    static final int DEFAULT_MIN_REQUESTS = 50;
    static final String DEFAULT_WINDOW = "1h";

    private final LiveStudents live;

    public Shadowing(LiveStudents live) {
        this.live = live;
    }

    /**
     * How the router's shadow compares the two answers: the route's {@code shadowFields}, {@code shadowPattern} or
     * {@code shadowToolCalls}, at most one of them set; none for their whole text.
     */
    record Comparison(List<String> fields, String pattern, Boolean toolCalls) {

        static final Comparison WHOLE_TEXT = new Comparison(null, null, null);
    }

    /**
     * What the router's shadow compares, as the evals do: the answers' whole text when every eval is ExactMatch, else
     * the rule of the job's one eval, JsonFields, Regex or ToolCall. With several evals of other kinds the accuracy
     * averages their scores, which no single verdict per request can match; a Judge eval asks a model, which the
     * router does not.
     *
     * @throws PipelineInputs.Refused when the evals are of another kind, or several
     */
    static Comparison comparison(List<Eval> evals) {
        String rule = "spec.promotion.shadow compares the student's and the teacher's answers as the evals do when "
                + "every eval is ExactMatch, or the only eval is JsonFields, Regex or ToolCall; ";
        if (evals.stream().allMatch(eval -> eval.kind == Eval.Kind.ExactMatch)) {
            return Comparison.WHOLE_TEXT;
        }
        for (int i = 0; i < evals.size(); i++) {
            if (evals.get(i).kind == Eval.Kind.Judge) {
                throw new PipelineInputs.Refused("BadShadow", rule + "spec.evals[" + i + "] is Judge");
            }
        }
        if (evals.size() > 1) {
            int other = IntStream.range(0, evals.size()).filter(i -> evals.get(i).kind != Eval.Kind.ExactMatch)
                    .findFirst().orElseThrow();
            throw new PipelineInputs.Refused("BadShadow", rule + "spec.evals[" + other + "] is "
                    + evals.get(other).kind + " beside others");
        }
        Eval eval = evals.get(0);
        return switch (eval.kind) {
            case JsonFields -> {
                if (eval.fields == null || eval.fields.isEmpty()
                        || eval.fields.stream().anyMatch(field -> field == null || field.isBlank())) {
                    throw new PipelineInputs.Refused("BadShadow", "spec.evals[0].fields: a JsonFields eval names "
                            + "its fields, none of them empty");
                }
                yield new Comparison(List.copyOf(eval.fields), null, null);
            }
            case Regex -> {
                try {
                    Pattern.compile(eval.pattern);
                } catch (PatternSyntaxException e) {
                    throw new PipelineInputs.Refused("BadShadow", "spec.evals[0].pattern: not a regular expression: "
                            + e.getDescription());
                }
                yield new Comparison(null, eval.pattern, null);
            }
            case ToolCall -> new Comparison(null, null, true);
            default -> throw new IllegalStateException("no shadow for " + eval.kind);
        };
    }

    /**
     * Since when the agreement counts at {@code until}: since the route was published while it stands, within the
     * shadow's window.
     */
    public static Instant judgedSince(DistillationJob job, DistillationJobStatus status, Instant until) {
        Instant windowStart = until.minus(window(job.getSpec().promotion.shadow));
        return Conditions.find(status, Conditions.PROMOTED).filter(promoted -> "True".equals(promoted.getStatus()))
                .map(promoted -> Instant.parse(promoted.getLastTransitionTime()))
                .filter(published -> published.isAfter(windowStart)).orElse(windowStart);
    }

    /** Whether the job's route is published and watched by its shadow. */
    static boolean watching(DistillationJob job, DistillationJobStatus status) {
        var promotion = job.getSpec().promotion;
        return promotion != null && promotion.shadow != null && Conditions.isTrue(status, Conditions.PROMOTED)
                && !withdrawn(status);
    }

    /** Whether the route was withdrawn for its agreement: it stays withdrawn for this generation. */
    static boolean withdrawn(DistillationJobStatus status) {
        return status.shadow != null && Boolean.TRUE.equals(status.shadow.withdrawn);
    }

    /** The least agreement, and the field that sets it. */
    private record Bound(String field, String value) {
    }

    /** spec.promotion.shadow.minAgreement, else spec.acceptance.minRelativeAccuracy. */
    private static Bound boundOf(DistillationJob job) {
        Shadow shadow = job.getSpec().promotion.shadow;
        return shadow.minAgreement == null
                ? new Bound("spec.acceptance.minRelativeAccuracy", job.getSpec().acceptance.minRelativeAccuracy)
                : new Bound("spec.promotion.shadow.minAgreement", shadow.minAgreement);
    }

    /** The least agreement. */
    public static BigDecimal bound(DistillationJob job) {
        return new BigDecimal(boundOf(job).value());
    }

    /** How far back the agreement is measured. */
    public static Duration window(Shadow shadow) {
        return Durations.parse(windowText(shadow));
    }

    /** spec.promotion.shadow.window as written, or its default. */
    public static String windowText(Shadow shadow) {
        return shadow.window == null ? DEFAULT_WINDOW : shadow.window;
    }

    /** Why the route was withdrawn, from status.shadow. */
    static String withdrawal(DistillationJob job, DistillationJobStatus status) {
        Bound bound = boundOf(job);
        return "The student was withdrawn: the teacher agreed with " + status.shadow.agreed + " of its "
                + status.shadow.requests + " shadowed answers in the last "
                + windowText(job.getSpec().promotion.shadow) + ", " + status.shadow.agreement + ", below "
                + bound.field() + " " + bound.value() + ".";
    }

    /**
     * Reads the verdicts since the route was published, within the window, into status.shadow.
     *
     * @return whether the route must be withdrawn ({@link #withdrawal} says why); not while the agreement keeps to its
     *         bound, there are too few verdicts to judge, or the usage events are still being read
     */
    boolean judge(DistillationJob job, DistillationJobStatus status) {
        Shadow shadow = job.getSpec().promotion.shadow;
        Instant now = Instant.now();
        var read = live.agreementSince(Promoting.key(job), judgedSince(job, status, now));
        if (read.isEmpty()) {
            return false;
        }
        var agreement = read.get();
        ShadowStatus state = status.shadow == null ? new ShadowStatus() : status.shadow;
        status.shadow = state;
        state.requests = agreement.requests();
        state.agreed = agreement.agreed();
        state.time = now.toString();
        if (agreement.requests() == 0) {
            state.agreement = null;
            return false;
        }
        state.agreement = BigDecimal.valueOf(agreement.agreed())
                .divide(BigDecimal.valueOf(agreement.requests()), 3, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
        int minRequests = shadow.minRequests == null ? DEFAULT_MIN_REQUESTS : shadow.minRequests;
        // exactly, not as rounded for the status: 1,799 of 2,000 is below 0.9
        BigDecimal least = bound(job).multiply(BigDecimal.valueOf(agreement.requests()));
        if (agreement.requests() < minRequests || BigDecimal.valueOf(agreement.agreed()).compareTo(least) >= 0) {
            return false;
        }
        state.withdrawn = true;
        if (status.canary != null) {
            // the canary goes no further either
            status.canary.withdrawn = true;
        }
        return true;
    }
}
