package io.switchboard.distill.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.switchboard.distill.api.CandidateStatus;
import io.switchboard.distill.api.Result;
import io.switchboard.distill.report.EvaluationSummary.Side;
import io.switchboard.distill.report.Tradeoffs.Check;
import io.switchboard.distill.report.Tradeoffs.Verdict;

/** The report as people read it ({@code report.md}): teacher against student, the evals, the cost, the verdict. */
public final class ReportMarkdown {

    private final StringBuilder out = new StringBuilder();

    private ReportMarkdown() {
    }

    /**
     * @param job {@code <namespace>/<name>} of the DistillationJob
     * @param catalogEntry the student's base: {@code spec.student.base}, or the chosen (or closest) candidate
     * @param candidates every candidate of spec.candidates in the order tried; empty for spec.student
     */
    public static String render(String job, String catalogEntry, EvaluationSummary summary, Verdict verdict,
            List<CandidateStatus> candidates) {
        var report = new ReportMarkdown();
        report.line("# Distillation report: " + job);
        report.line("");
        report.line("Teacher `%s`, student `%s` (from `%s`), on %s held-out examples scored against %s.".formatted(
                summary.teacher().model(), summary.student().model(), catalogEntry, count(summary.examples()),
                "expected".equals(summary.reference()) ? "their known answers" : "the teacher's answers"));
        report.comparison(summary);
        report.evals(summary);
        report.dataset(summary.dataset());
        report.training(summary.training());
        report.tradeoffs(verdict);
        if (!candidates.isEmpty()) {
            report.candidates(catalogEntry, verdict, candidates);
        }
        return report.out.toString();
    }

    private void comparison(EvaluationSummary summary) {
        Side teacher = summary.teacher();
        Side student = summary.student();
        line("");
        row("", "Teacher", "Student");
        row("---", "---:", "---:");
        row("Accuracy", teacher.accuracy(), student.accuracy());
        row("Failed requests", count(teacher.errors()), count(student.errors()));
        row("p50 latency", teacher.p50LatencyMillis() + " ms", student.p50LatencyMillis() + " ms");
        row("p95 latency", teacher.p95LatencyMillis() + " ms", student.p95LatencyMillis() + " ms");
        row("Output tokens/s", teacher.outputTokensPerSecond(), student.outputTokensPerSecond());
        row("Cost per million tokens", usd(teacher.costMicrosPerMillionTokens()),
                usd(student.costMicrosPerMillionTokens()));
        line("");
        line("Relative accuracy **%s**, cost ratio **%s**, speed ratio **%s** (the teacher's p95 latency over the student's)."
                .formatted(summary.relativeAccuracy(), summary.costRatio(), summary.speedRatio()));
    }

    private void evals(EvaluationSummary summary) {
        section("Evals");
        row("Eval", "Weight", "Teacher", "Student");
        row("---", "---:", "---:", "---:");
        summary.evals().forEach(eval -> row(eval.kind(), count(eval.weight()), eval.teacher(), eval.student()));
    }

    private void dataset(EvaluationSummary.DatasetCounts dataset) {
        section("Dataset");
        row("Read", "Invalid", "Duplicates", "Asked the teacher", "Teacher errors", "Training", "Held out");
        row("---:", "---:", "---:", "---:", "---:", "---:", "---:");
        row(count(dataset.read()), count(dataset.invalid()), count(dataset.duplicates()),
                count(dataset.askedTeacher()), count(dataset.teacherErrors()), count(dataset.train()),
                count(dataset.eval()));
        if (!dataset.trafficWorkload().isEmpty()) {
            line("");
            var leftOut = dataset.trafficLeftOut().isEmpty()
                    ? "none"
                    : dataset.trafficLeftOut().entrySet().stream()
                            .map(reason -> reason.getKey() + " " + count(reason.getValue()))
                            .collect(Collectors.joining(", "));
            line("Read from the traffic the router captured for workload `%s`; traces left out (Invalid): %s."
                    .formatted(dataset.trafficWorkload(), leftOut));
        }
    }

    private void training(EvaluationSummary.Training training) {
        section("Training");
        row("Time", "Cost", "Break-even");
        row("---:", "---:", "---");
        row(duration(training.seconds()), usd(training.costMicros()), training.breakEvenTokens() < 0
                ? "never: the student is not cheaper per token"
                : "after " + count(training.breakEvenTokens()) + " tokens served by the student");
        var curve = training.learningCurve();
        if (curve.drawn()) {
            line("");
            line(curve(curve));
        }
    }

    /** The learning curve in a sentence, and what the trainer made of it. */
    public static String curve(EvaluationSummary.LearningCurve curve) {
        String points = curve.points().stream()
                .map(point -> point.agreement() + " after " + point.fraction() + " of the data")
                .collect(Collectors.joining(", "));
        String bound = curve.stopBelow().isEmpty() ? "" : " (held to " + curve.stopBelow() + ")";
        return "Learning curve, agreement with the teacher's held-out answers: " + points + "; projected "
                + curve.projected() + bound + (curve.stoppedEarly()
                        ? ": training stopped there, and this is the student trained so far."
                        : ": training went on over the whole data.");
    }

    private void tradeoffs(Verdict verdict) {
        section("Trade-offs");
        row("Trade-off", "Wanted", "Measured", "Verdict");
        row("---", "---", "---", "---");
        for (Check check : verdict.checks()) {
            row(check.what(), (check.maximum() ? "at most " : "at least ") + check.wanted() + " (spec.acceptance."
                    + check.field() + ")", check.measured(), check.met() ? "met" : "**not met**");
        }
        line("");
        line(verdict.met()
                ? "**Met**: the student meets every trade-off."
                : "**Not met** (" + verdict.reason() + "): " + verdict.message() + ".");
    }

    private void candidates(String shown, Verdict verdict, List<CandidateStatus> candidates) {
        section("Candidates");
        row("Candidate", "Relative accuracy", "Cost ratio", "p95 latency", "Result");
        row("---", "---:", "---:", "---:", "---");
        for (CandidateStatus candidate : candidates) {
            Result result = candidate.result;
            row("`" + candidate.name + "`", result == null ? "" : result.relativeAccuracy,
                    result == null || result.costRatio == null ? "" : result.costRatio,
                    result == null ? "" : result.studentP95LatencyMillis + " ms",
                    candidate.state + (candidate.message == null ? "" : ": " + candidate.message));
        }
        line("");
        line(verdict.met()
                ? "**Chosen**: `%s`, the cheapest candidate that meets every trade-off; candidates are tried in the order of their serving cost."
                        .formatted(shown)
                : "**No better student**: no candidate meets the trade-offs, so the teacher keeps the task. The figures above are the closest candidate's, `%s`."
                        .formatted(shown));
    }

    private void section(String title) {
        line("");
        line("## " + title);
        line("");
    }

    private void row(String... cells) {
        line("| " + String.join(" | ", cells) + " |");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String usd(long micros) {
        BigDecimal dollars = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        return "$" + dollars.setScale(Math.max(2, dollars.scale())).toPlainString();
    }

    static String duration(long seconds) {
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            return "%dh %dm %ds".formatted(hours, minutes, rest);
        }
        return minutes > 0 ? "%dm %ds".formatted(minutes, rest) : rest + "s";
    }
}
