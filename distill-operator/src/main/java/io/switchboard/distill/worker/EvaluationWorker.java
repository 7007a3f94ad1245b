package io.switchboard.distill.worker;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.distill.report.EvaluationSummary;
import io.switchboard.distill.report.EvaluationSummary.DatasetCounts;

/**
 * The evaluation stage: asks the student (at its Service) and the teacher (through the router) every held-out
 * example, scores both by the spec's evals against the reference answers, measures latency, throughput and cost, and
 * writes the report; the summary is also the container's termination message, which the operator reads.
 */
final class EvaluationWorker {

    private final Env env;
    private final PrintStream out;
    private final PrintStream err;

    EvaluationWorker(Env env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    void run() throws IOException, InterruptedException {
        String teacher = env.required(WorkerSettings.TEACHER);
        String studentModel = env.required(WorkerSettings.EVALUATION_STUDENT_MODEL);
        var router = new ChatClient(env.router());
        var student = new ChatClient(
                new Endpoint("the student", env.url(WorkerSettings.EVALUATION_STUDENT_URL), null, null));
        List<Evals.Scored> evals = Evals.parse(env.required(WorkerSettings.EVALUATION_EVALS), router);
        BigDecimal usdPerHour = env.decimal(WorkerSettings.EVALUATION_SERVING_COST_PER_HOUR);
        if (usdPerHour.signum() < 0) {
            throw new BadInput(WorkerSettings.EVALUATION_SERVING_COST_PER_HOUR + " must not be negative");
        }
        Path reportFolder = env.path(WorkerSettings.EVALUATION_REPORT);
        List<Example> examples = ExampleFile.readAnswered(env.path(WorkerSettings.EVALUATION_EXAMPLES));
        DatasetCounts dataset = readJson(env.path(WorkerSettings.EVALUATION_DATASET), DatasetCounts.class);
        JsonNode metrics = readJson(env.path(WorkerSettings.EVALUATION_METRICS), JsonNode.class);
        BigDecimal trainingSeconds = trainingSeconds(metrics, env.path(WorkerSettings.EVALUATION_METRICS));
        int concurrency = env.concurrency();

        Optional<ChatClient.Pricing> pricing = router.pricing(teacher);
        if (pricing.isEmpty()) {
            err.println("the router lists no pricing for " + teacher + ": the teacher's cost is unknown");
        }
        long start = System.nanoTime();
        List<Reply> studentReplies = Parallel.map(examples, concurrency,
                example -> student.ask(studentModel, example.messages(), example.tools()));
        long studentWallNanos = System.nanoTime() - start;
        List<Reply> teacherReplies = Parallel.map(examples, concurrency,
                example -> router.ask(teacher, example.messages(), example.tools()));
        requireAnswers("the student " + studentModel, studentReplies);
        requireAnswers("the teacher " + teacher, teacherReplies);

        boolean againstExpected = examples.stream().allMatch(example -> example.expected() != null);
        List<ExampleOutcome> outcomes = Parallel.map(IntStream.range(0, examples.size()).boxed().toList(),
                concurrency, i -> {
                    Example example = examples.get(i);
                    String reference = againstExpected ? example.expected() : example.answer();
                    return new ExampleOutcome(example.id(), reference,
                            score(evals, example, reference, teacherReplies.get(i)),
                            score(evals, example, reference, studentReplies.get(i)));
                });
        var teacherFigures = new SideFigures(teacher, teacherReplies,
                outcomes.stream().map(outcome -> outcome.teacher().passed()).toList(), evals);
        var studentFigures = new SideFigures(studentModel, studentReplies,
                outcomes.stream().map(outcome -> outcome.student().passed()).toList(), evals);
        long teacherCost = Costs.teacherPerMillion(pricing, teacherFigures.promptTokens(),
                teacherFigures.completionTokens());
        long studentCost = Costs.studentPerMillion(usdPerHour, studentFigures.tokens(), studentWallNanos);

        List<EvaluationSummary.EvalScore> scores = new ArrayList<>();
        for (int i = 0; i < evals.size(); i++) {
            scores.add(new EvaluationSummary.EvalScore(evals.get(i).kind().name(), evals.get(i).weight(),
                    teacherFigures.share(i), studentFigures.share(i)));
        }
        var summary = new EvaluationSummary(examples.size(), againstExpected ? "expected" : "teacher", scores,
                teacherFigures.side(teacherCost), studentFigures.side(studentCost),
                Ratios.of(studentFigures.accuracy(), teacherFigures.accuracy()),
                teacherCost == Costs.UNKNOWN || studentCost == Costs.UNKNOWN
                        ? null
                        : Ratios.of(studentCost, teacherCost),
                Ratios.of(teacherFigures.latencyNanos(95), studentFigures.latencyNanos(95)), dataset,
                Costs.training(trainingSeconds, usdPerHour, teacherCost, studentCost,
                        learningCurve(metrics.path("learning_curve"))));
        Report.write(reportFolder, summary, outcomes);
        String message = Json.MAPPER.writeValueAsString(summary);
        env.terminationMessage().write(message);
        int judgeFailures = evals.stream().mapToInt(eval -> eval.scorer() instanceof Judge judge ? judge.failures() : 0)
                .sum();
        if (judgeFailures > 0) {
            err.println("the judge gave no verdict on " + judgeFailures + " answers, which failed");
        }
        out.println("evaluation done: " + message);
    }

    private static ExampleOutcome.Answer score(List<Evals.Scored> evals, Example example, String reference,
            Reply reply) throws InterruptedException {
        List<Boolean> passed = new ArrayList<>();
        for (Evals.Scored eval : evals) {
            passed.add(reply.ok() && eval.scorer().passes(example, reply.answer(), reference));
        }
        return ExampleOutcome.Answer.of(reply, passed);
    }

    /** A side that answered nothing is down (or not there yet): a retry of the Job may find it up. */
    private static void requireAnswers(String side, List<Reply> replies) {
        if (replies.stream().noneMatch(Reply::ok)) {
            throw new IllegalStateException(side + " answered none of the " + replies.size()
                    + " held-out examples; the first failure: " + replies.get(0).failure());
        }
    }

    private static <T> T readJson(Path file, Class<T> type) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInput(file + ": no such file");
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), type);
        } catch (JsonProcessingException e) {
            throw new BadInput(file + ": " + Json.where(e));
        }
    }

    /** The trainer's {@code training_seconds} (trainer/README.md: metrics.json). */
    private static BigDecimal trainingSeconds(JsonNode metrics, Path file) {
        JsonNode seconds = metrics.path("training_seconds");
        if (!seconds.isNumber() || seconds.decimalValue().signum() < 0) {
            throw new BadInput(file + ": training_seconds must be a number of seconds");
        }
        return seconds.decimalValue();
    }

    /**
     * The trainer's {@code learning_curve}; none when it drew none, or when what it wrote is not one (the curve only
     * informs the report).
     */
    private static EvaluationSummary.LearningCurve learningCurve(JsonNode curve) {
        if (!curve.path("points").isArray() || curve.get("points").isEmpty() || !curve.path("projected").isNumber()) {
            return EvaluationSummary.LearningCurve.NONE;
        }
        var points = new ArrayList<EvaluationSummary.LearningCurve.Point>();
        for (JsonNode point : curve.get("points")) {
            if (!point.path("fraction").isNumber() || !point.path("agreement").isNumber()) {
                return EvaluationSummary.LearningCurve.NONE;
            }
            points.add(new EvaluationSummary.LearningCurve.Point(plain(point.get("fraction")),
                    plain(point.get("agreement"))));
        }
        return new EvaluationSummary.LearningCurve(points, plain(curve.get("projected")),
                curve.path("stop_below").isNumber() ? plain(curve.get("stop_below")) : "",
                curve.path("stopped_early").asBoolean());
    }

    /** A number as the report writes it: {@code 0.5}, {@code 0}. */
    private static String plain(JsonNode number) {
        return number.decimalValue().stripTrailingZeros().toPlainString();
    }
}
