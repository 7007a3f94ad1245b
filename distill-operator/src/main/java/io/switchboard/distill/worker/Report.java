package io.switchboard.distill.worker;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.switchboard.distill.report.EvaluationSummary;
import io.switchboard.distill.report.ReportMarkdown;

/**
 * The evaluation's files in the report folder: {@code report.json} (the summary), {@code report.md} (the same for
 * people) and {@code examples.jsonl} (each example's answers and scores).
 */
final class Report {

    private Report() {
    }

    static void write(Path folder, EvaluationSummary summary, List<ExampleOutcome> examples) throws IOException {
        Files.createDirectories(folder);
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("report.json").toFile(), summary);
        Json.writeLines(folder.resolve("examples.jsonl"), examples);
        Files.writeString(folder.resolve("report.md"), markdown(summary));
    }

    static String markdown(EvaluationSummary summary) {
        var teacher = summary.teacher();
        var student = summary.student();
        var md = new StringBuilder("# Distillation report\n\n");
        md.append(summary.examples()).append(" held-out examples, scored against ")
                .append("expected".equals(summary.reference())
                        ? "their expected answers"
                        : "the teacher's recorded answers")
                .append(".\n\n| | teacher | student |\n| --- | ---: | ---: |\n");
        row(md, "model", teacher.model(), student.model());
        row(md, "accuracy", teacher.accuracy(), student.accuracy());
        for (EvaluationSummary.EvalScore eval : summary.evals()) {
            row(md, eval.kind() + " (weight " + eval.weight() + ")", eval.teacher(), eval.student());
        }
        row(md, "failed requests", teacher.errors(), student.errors());
        row(md, "p50 latency", teacher.p50LatencyMillis() + " ms", student.p50LatencyMillis() + " ms");
        row(md, "p95 latency", teacher.p95LatencyMillis() + " ms", student.p95LatencyMillis() + " ms");
        row(md, "output tokens/s", teacher.outputTokensPerSecond(), student.outputTokensPerSecond());
        row(md, "cost per million tokens", usd(teacher.costMicrosPerMillionTokens()),
                usd(student.costMicrosPerMillionTokens()));
        md.append("\nRelative accuracy: **").append(orNa(summary.relativeAccuracy())).append("**; cost ratio: **")
                .append(orNa(summary.costRatio())).append("**; speed ratio (the teacher's p95 over the student's): **")
                .append(orNa(summary.speedRatio())).append("**.\n\n");
        var training = summary.training();
        md.append("Training took ").append(training.seconds()).append(" s and cost ")
                .append(usd(training.costMicros())).append(training.breakEvenTokens() < 0
                        ? "; the student is not cheaper per token than the teacher, so it never pays back."
                        : "; the student pays it back after " + training.breakEvenTokens() + " tokens.")
                .append("\n\n");
        if (training.learningCurve().drawn()) {
            md.append(ReportMarkdown.curve(training.learningCurve())).append("\n\n");
        }
        var dataset = summary.dataset();
        md.append("Dataset: ").append(dataset.read()).append(" examples read, ").append(dataset.invalid())
                .append(" invalid, ").append(dataset.duplicates()).append(" duplicates; ")
                .append(dataset.askedTeacher()).append(" answers asked of the teacher, ")
                .append(dataset.teacherErrors())
                .append(" not given; ").append(dataset.train()).append(" to train on, ").append(dataset.eval())
                .append(" held out.\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String what, Object teacher, Object student) {
        md.append("| ").append(what).append(" | ").append(orNa(teacher)).append(" | ").append(orNa(student))
                .append(" |\n");
    }

    private static Object orNa(Object value) {
        return value == null ? "n/a" : value;
    }

    private static String usd(long micros) {
        if (micros < 0) {
            return "unknown";
        }
        BigDecimal usd = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        return "$" + (usd.scale() < 2 ? usd.setScale(2) : usd).toPlainString();
    }
}
