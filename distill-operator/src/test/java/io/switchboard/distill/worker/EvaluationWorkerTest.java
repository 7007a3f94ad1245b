package io.switchboard.distill.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.distill.report.EvaluationSummary;
import io.switchboard.distill.report.EvaluationSummary.DatasetCounts;
import io.switchboard.distill.worker.FakeOpenAiServer.Answer;
import io.switchboard.distill.worker.FakeOpenAiServer.Received;

/**
 * The evaluation stage against a fake router (the teacher, a judge, the prices) and a fake student over HTTP: twenty
 * held-out tickets, the student wrong on some of them.
 */
class EvaluationWorkerTest {

    static final String KEY = "sk-test-distill-key";
    static final int EXAMPLES = 20;
    static final int PROMPT_TOKENS = 40;
    static final int ANSWER_TOKENS = 2;
    static final DatasetCounts DATASET = new DatasetCounts(101, 1, 0, 100, 0, 80, EXAMPLES);

    @TempDir
    Path folder;

    private FakeOpenAiServer router;
    private FakeOpenAiServer student;

    @AfterEach
    void stopTheServers() {
        for (var server : new FakeOpenAiServer[]{router, student}) {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The student's answer to ticket i: wrong on every fifth, with a full stop after every fifth but one. */
    static String studentAnswer(int i) {
        String label = Tickets.label(Tickets.ticket(i));
        return i % 5 == 0 ? "other" : i % 5 == 1 ? label + "." : label;
    }

    @Test
    void bothSidesAreScoredTimedAndPricedAgainstTheTeachersRecordedAnswers() throws IOException {
        // given
        router = FakeOpenAiServer.start(teacher(60)).pricing("ticket-teacher", "2.50", "10.00");
        student = FakeOpenAiServer.start(student(10));
        writeExamples(false);

        // when
        WorkerRun run = WorkerRun.of(env("[{\"kind\": \"ExactMatch\", \"weight\": 3}, {\"kind\": \"Regex\", "
                + "\"pattern\": \"(\\\\w+)\"}]", "1"), folder);

        // then: ExactMatch fails 8 of 20 student answers (4 wrong, 4 with a full stop), the Regex 4
        assertThat(run.exitCode()).as(run.err()).isZero();
        EvaluationSummary summary = Tickets.JSON.readValue(run.terminationMessage(), EvaluationSummary.class);
        assertThat(summary.examples()).isEqualTo(EXAMPLES);
        assertThat(summary.reference()).isEqualTo("teacher");
        assertThat(summary.evals()).containsExactly(new EvaluationSummary.EvalScore("ExactMatch", 3, "1.000", "0.600"),
                new EvaluationSummary.EvalScore("Regex", 1, "1.000", "0.800"));
        assertThat(summary.teacher().accuracy()).isEqualTo("1.000");
        assertThat(summary.student().accuracy()).isEqualTo(ratio((3 * 12 + 16), 4 * EXAMPLES));
        assertThat(summary.relativeAccuracy()).isEqualTo(summary.student().accuracy());
        assertThat(summary.teacher().errors()).isZero();
        assertThat(summary.student().errors()).isZero();
        assertThat(summary.dataset()).isEqualTo(DATASET);

        // and: latencies from the servers' delays, the speed ratio from them
        assertThat(summary.teacher().p50LatencyMillis()).isGreaterThanOrEqualTo(60);
        assertThat(summary.student().p50LatencyMillis()).isGreaterThanOrEqualTo(10);
        assertThat(summary.teacher().p95LatencyMillis()).isGreaterThanOrEqualTo(summary.teacher().p50LatencyMillis());
        assertThat(Double.parseDouble(summary.speedRatio())).isGreaterThan(1).isCloseTo(
                (double) summary.teacher().p95LatencyMillis() / summary.student().p95LatencyMillis(), within(0.6));
        assertThat(Double.parseDouble(summary.student().outputTokensPerSecond()))
                .isPositive().isLessThanOrEqualTo(ANSWER_TOKENS / 0.010);

        // and: the teacher's price weighted by its tokens; the student's from its cost per hour and throughput
        long inputTokens = (long) EXAMPLES * PROMPT_TOKENS;
        long outputTokens = (long) EXAMPLES * ANSWER_TOKENS;
        long teacherCost = Math.round((inputTokens * 2.50 + outputTokens * 10.00) / (inputTokens + outputTokens) * 1e6);
        assertThat(summary.teacher().costMicrosPerMillionTokens()).isEqualTo(teacherCost);
        double fastestTokensPerSecond = (inputTokens + outputTokens) / (EXAMPLES * 0.010);
        long studentCost = summary.student().costMicrosPerMillionTokens();
        assertThat(studentCost).isGreaterThanOrEqualTo(Math.round(0.70 * 1e12 / (fastestTokensPerSecond * 3600)))
                .isLessThan(teacherCost);
        assertThat(summary.costRatio()).isEqualTo(ratio(studentCost, teacherCost));
        long trainingCost = Math.round(36.0 * 0.70 / 3600 * 1e6);
        assertThat(summary.training()).isEqualTo(new EvaluationSummary.Training(36, trainingCost,
                (long) Math.ceil(trainingCost * 1e6 / (teacherCost - studentCost))));

        // and: the teacher was asked through the router with the key and workload, the student without a key
        assertThat(router.chats()).hasSize(EXAMPLES).allSatisfy(request -> assertThat(request.headers())
                .containsEntry("authorization", "Bearer " + KEY)
                .containsEntry("x-switchboard-workload", "distill/tickets"));
        assertThat(student.chats()).hasSize(EXAMPLES).allSatisfy(request -> {
            assertThat(request.headers()).doesNotContainKey("authorization");
            assertThat(request.body().path("model").asText()).isEqualTo("tickets");
        });

        // and: the report, for programs, people, and each example
        Path report = folder.resolve("report");
        assertThat(Tickets.JSON.readValue(report.resolve("report.json").toFile(), EvaluationSummary.class))
                .isEqualTo(summary);
        assertThat(Files.readString(report.resolve("report.md"))).contains("| accuracy | 1.000 | 0.650 |",
                "| ExactMatch (weight 3) | 1.000 | 0.600 |", "| cost per million tokens | $2.857143 |");
        var outcomes = Tickets.read(report.resolve("examples.jsonl"));
        assertThat(outcomes).hasSize(EXAMPLES);
        var fifth = outcomes.stream().filter(line -> line.path("id").asText().equals("t-5")).findFirst().orElseThrow();
        assertThat(fifth.path("student").path("answer").asText()).isEqualTo("other");
        assertThat(fifth.path("student").path("passed").toString()).isEqualTo("[false,false]");
        for (String file : List.of("report.json", "report.md", "examples.jsonl")) {
            assertThat(Files.readString(report.resolve(file))).doesNotContain(KEY);
        }
    }

    @Test
    void expectedAnswersAreTheReferenceWhenEveryExampleHasOneAndTheJudgeIsAskedOnlyWhenAnswersDiffer()
            throws IOException {
        // given: the teacher wrong on ticket 7 today; a judge that says yes when the candidate names the category
        router = FakeOpenAiServer.start(request -> {
            if (request.body().path("model").asText().equals("judge-model")) {
                String question = request.lastUserMessage();
                String reference = question.split("Reference answer:\n")[1].split("\n")[0];
                return Answer.completion(question.split("Candidate answer:\n")[1].startsWith(reference) ? "yes" : "no",
                        90, 1);
            }
            String ticket = request.lastUserMessage();
            return Answer.completion(ticket.equals(Tickets.ticket(7)) ? "bug" : Tickets.label(ticket), 40, 2);
        }).pricing("ticket-teacher", "2.50", "10.00");
        student = FakeOpenAiServer.start(student(0));
        writeExamples(true);

        // when
        WorkerRun run = WorkerRun.of(env("[{\"kind\": \"ExactMatch\"}, {\"kind\": \"Judge\", \"judgeModel\": "
                + "\"judge-model\"}]", "4"), folder);

        // then: the judge passes the answers with a full stop, fails the wrong ones
        assertThat(run.exitCode()).as(run.err()).isZero();
        EvaluationSummary summary = Tickets.JSON.readValue(run.terminationMessage(), EvaluationSummary.class);
        assertThat(summary.reference()).isEqualTo("expected");
        assertThat(summary.evals()).containsExactly(new EvaluationSummary.EvalScore("ExactMatch", 1, "0.950", "0.600"),
                new EvaluationSummary.EvalScore("Judge", 1, "0.950", "0.800"));
        assertThat(summary.teacher().accuracy()).isEqualTo("0.950");
        assertThat(summary.student().accuracy()).isEqualTo("0.700");
        assertThat(summary.relativeAccuracy()).isEqualTo(ratio(28, 38));
        List<Received> judged = router.chats().stream()
                .filter(request -> request.body().path("model").asText().equals("judge-model")).toList();
        assertThat(judged).hasSize(1 + 8);
    }

    @Test
    void theSummaryFitsTheTerminationMessageWithTheMostEvalsAndLongNames() throws IOException {
        // given: 32 evals, model names of 253 characters, and a router that lists no prices
        String teacherName = "t".repeat(253);
        router = FakeOpenAiServer.start(teacher(0));
        student = FakeOpenAiServer.start(student(0));
        writeExamples(false);
        writeLearningCurve();
        String evals = "[" + String.join(", ", Collections.nCopies(Evals.MAX,
                "{\"kind\": \"JsonFields\", \"weight\": 100, \"fields\": [\"category\"]}")) + "]";
        Map<String, String> env = env(evals, "4");
        env.put(WorkerSettings.TEACHER, teacherName);
        env.put(WorkerSettings.EVALUATION_STUDENT_MODEL, "s".repeat(253));

        // when
        WorkerRun run = WorkerRun.of(env, folder);

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.terminationMessage().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(TerminationMessage.MAX_BYTES);
        EvaluationSummary summary = Tickets.JSON.readValue(run.terminationMessage(), EvaluationSummary.class);
        assertThat(summary.evals()).hasSize(Evals.MAX);
        assertThat(summary.teacher().costMicrosPerMillionTokens()).isEqualTo(Costs.UNKNOWN);
        assertThat(summary.costRatio()).isNull();
        assertThat(summary.training().breakEvenTokens()).isEqualTo(Costs.UNKNOWN);
        assertThat(run.err()).contains("lists no pricing for " + teacherName);
        assertThat(Files.readString(folder.resolve("report/report.md")))
                .contains("| cost per million tokens | unknown |");
    }

    @Test
    void requestsAreInFlightAtMostTheConcurrencyAtOnce() throws IOException {
        // given
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Function<Received, Answer> answer = student(0);
        router = FakeOpenAiServer.start(teacher(0)).pricing("ticket-teacher", "1", "1");
        student = FakeOpenAiServer.start(request -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return answer.apply(request);
        });
        writeExamples(false);

        // when
        WorkerRun run = WorkerRun.of(env("[{\"kind\": \"ExactMatch\"}]", "3"), folder);

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(most).hasValue(3);
    }

    @Test
    void badInputExitsWith2AndAStudentThatAnswersNothingWith1() throws IOException {
        router = FakeOpenAiServer.start(teacher(0));
        student = FakeOpenAiServer.start(request -> Answer.error(503, true));
        writeExamples(false);
        String exact = "[{\"kind\": \"ExactMatch\"}]";

        assertExit(env("not json", "2"), Worker.BAD_INPUT,
                WorkerSettings.EVALUATION_EVALS + " must be the spec's evals as a JSON list");
        assertExit(env("[{\"kind\": \"Regex\", \"pattern\": \"(unclosed\"}]", "2"), Worker.BAD_INPUT,
                WorkerSettings.EVALUATION_EVALS + "[0].pattern is not a valid regular expression");
        assertExit(env("[" + String.join(",", Collections.nCopies(Evals.MAX + 1, "{\"kind\": \"ExactMatch\"}"))
                + "]", "2"), Worker.BAD_INPUT, "must hold 1 to 32 evals, not 33");
        var noMetrics = env(exact, "2");
        noMetrics.put(WorkerSettings.EVALUATION_METRICS, folder.resolve("absent.json").toString());
        assertExit(noMetrics, Worker.BAD_INPUT, "absent.json: no such file");
        assertExit(env(exact, "2"), Worker.FAILED, "the student tickets answered none of the 20 held-out examples");

        Tickets.write(folder.resolve("eval.jsonl"), List.of(Tickets.example("t-1", Tickets.ticket(1), null, null)));
        assertExit(env(exact, "2"), Worker.BAD_INPUT, "eval.jsonl: example t-1 has no answer");
    }

    private void assertExit(Map<String, String> env, int exitCode, String message) throws IOException {
        WorkerRun run = WorkerRun.of(env, folder);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        assertThat(run.err()).contains(message).doesNotContain(KEY, "ticket number");
    }

    /** The teacher: right on every ticket (its recorded answers too), after a delay. */
    private static Function<Received, Answer> teacher(long delayMillis) {
        return request -> Answer.completion(Tickets.label(request.lastUserMessage()), PROMPT_TOKENS, ANSWER_TOKENS)
                .after(delayMillis);
    }

    private static Function<Received, Answer> student(long delayMillis) {
        return request -> {
            int i = IntStream.range(0, EXAMPLES).filter(n -> Tickets.ticket(n).equals(request.lastUserMessage()))
                    .findFirst().orElseThrow();
            return Answer.completion(studentAnswer(i), PROMPT_TOKENS, ANSWER_TOKENS).after(delayMillis);
        };
    }

    @Test
    void aLearningCurveTheTrainerDrewIsInTheSummaryAndTheReport() throws IOException {
        // given: a candidate whose training stopped on its learning curve
        router = FakeOpenAiServer.start(teacher(0));
        student = FakeOpenAiServer.start(student(0));
        writeExamples(false);
        writeLearningCurve();

        // when
        WorkerRun run = WorkerRun.of(env("[{\"kind\": \"ExactMatch\"}]", "4"), folder);

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        EvaluationSummary summary = Tickets.JSON.readValue(run.terminationMessage(), EvaluationSummary.class);
        assertThat(summary.training().learningCurve()).isEqualTo(new EvaluationSummary.LearningCurve(
                List.of(new EvaluationSummary.LearningCurve.Point("0.25", "0"),
                        new EvaluationSummary.LearningCurve.Point("0.5", "0.2")),
                "0.6", "0.85", true));
        assertThat(Files.readString(folder.resolve("report/report.md"))).contains("Learning curve, agreement with "
                + "the teacher's held-out answers: 0 after 0.25 of the data, 0.2 after 0.5 of the data; projected 0.6 "
                + "(held to 0.85): training stopped there, and this is the student trained so far.");
    }

    /** The trainer's metrics of a run stopped on its learning curve (trainer/README.md). */
    private void writeLearningCurve() throws IOException {
        Files.writeString(folder.resolve("metrics.json"),
                """
                        {"student": "tickets", "training_seconds": 36.0, "tokens_seen": 120000,
                         "learning_curve": {"points": [{"fraction": 0.25, "agreement": 0.0}, {"fraction": 0.5, "agreement": 0.2}],
                                            "projected": 0.6, "stop_below": 0.85, "stopped_early": true}}
                        """);
    }

    /** The held-out tickets with the teacher's recorded answers (and the right ones as expected), its counts, metrics. */
    private void writeExamples(boolean withExpected) throws IOException {
        Tickets.write(folder.resolve("eval.jsonl"), IntStream.range(0, EXAMPLES).mapToObj(i -> {
            String label = Tickets.label(Tickets.ticket(i));
            return Tickets.example("t-" + i, Tickets.ticket(i), label, withExpected ? label : null);
        }).toList());
        Tickets.JSON.writeValue(folder.resolve("dataset.json").toFile(), DATASET);
        Files.writeString(folder.resolve("metrics.json"), "{\"student\": \"tickets\", \"training_seconds\": 36.0, "
                + "\"tokens_seen\": 120000, \"train_tokens_per_second\": 3333.3}");
    }

    private Map<String, String> env(String evals, String concurrency) {
        return new HashMap<>(Map.ofEntries(Map.entry(WorkerSettings.MODE, "evaluate"),
                Map.entry(WorkerSettings.ROUTER_URL, router.url()),
                Map.entry(WorkerSettings.ROUTER_KEY, KEY), Map.entry(WorkerSettings.TEACHER, "ticket-teacher"),
                Map.entry(WorkerSettings.WORKLOAD, "distill/tickets"),
                Map.entry(WorkerSettings.CONCURRENCY, concurrency),
                Map.entry(WorkerSettings.EVALUATION_EVALS, evals),
                Map.entry(WorkerSettings.EVALUATION_EXAMPLES, folder.resolve("eval.jsonl").toString()),
                Map.entry(WorkerSettings.EVALUATION_DATASET, folder.resolve("dataset.json").toString()),
                Map.entry(WorkerSettings.EVALUATION_METRICS, folder.resolve("metrics.json").toString()),
                Map.entry(WorkerSettings.EVALUATION_STUDENT_URL, student.url()),
                Map.entry(WorkerSettings.EVALUATION_STUDENT_MODEL, "tickets"),
                Map.entry(WorkerSettings.EVALUATION_SERVING_COST_PER_HOUR, "0.70"),
                Map.entry(WorkerSettings.EVALUATION_REPORT, folder.resolve("report").toString())));
    }

    private static String ratio(long dividend, long divisor) {
        return BigDecimal.valueOf(dividend).divide(BigDecimal.valueOf(divisor), 3, RoundingMode.HALF_UP)
                .toPlainString();
    }
}
