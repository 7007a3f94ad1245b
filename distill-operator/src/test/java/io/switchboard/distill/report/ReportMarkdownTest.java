package io.switchboard.distill.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.distill.api.CandidateStatus;
import io.switchboard.distill.api.Result;
import io.switchboard.distill.report.EvaluationSummary.Training;

/**
 * report.md for the example job, compared with src/test/resources/report/report.md. A changed report is written to
 * target/report.md: read the difference, then copy it over the golden file.
 */
class ReportMarkdownTest {

    static final Path GOLDEN = Path.of("src/test/resources/report/report.md");

    @Test
    void theExamplesReportIsTheGoldenOne() throws IOException {
        // when
        String report = ReportMarkdown.render("ml/support-tickets", "qwen2.5-0.5b", Summaries.example(),
                Tradeoffs.judge(TradeoffsTest.acceptance("0.95", "800ms", "0.2"), Summaries.example()), List.of());

        // then
        Path written = Path.of("target/report.md");
        Files.writeString(written, report);
        assertThat(report).as("changed: compare with %s", written).isEqualTo(Files.readString(GOLDEN));
    }

    @Test
    void aStudentThatMissesATradeoffIsReportedNotMetWithTheFigures() {
        // given
        EvaluationSummary summary = Summaries.with("0.91", 240, "0.066");

        // when
        String report = ReportMarkdown.render("ml/support-tickets", "qwen2.5-0.5b", summary,
                Tradeoffs.judge(TradeoffsTest.acceptance("0.95", "800ms", "0.2"), summary), List.of());

        // then
        assertThat(report).contains("| relative accuracy | at least 0.95 (spec.acceptance.minRelativeAccuracy) | 0.91 |"
                + " **not met** |")
                .contains("**Not met** (BelowAccuracy): relative accuracy 0.91 is below"
                        + " spec.acceptance.minRelativeAccuracy 0.95.");
    }

    @Test
    void aStudentNoCheaperThanItsTeacherNeverBreaksEven() {
        // given
        EvaluationSummary s = Summaries.example();
        EvaluationSummary summary = new EvaluationSummary(s.examples(), s.reference(), s.evals(), s.teacher(),
                s.student(), s.relativeAccuracy(), s.costRatio(), s.speedRatio(), s.dataset(),
                new Training(3_725, 2_500_000, -1));

        // when
        String report = ReportMarkdown.render("ml/support-tickets", "qwen2.5-0.5b", summary,
                Tradeoffs.judge(TradeoffsTest.acceptance("0.95", null, null), summary), List.of());

        // then
        assertThat(report).contains("| 1h 2m 5s | $2.50 | never: the student is not cheaper per token |");
    }

    @Test
    void aLearningCurveThatWentOnIsSaidUnderTheTraining() {
        // given
        EvaluationSummary s = Summaries.example();
        var curve = new EvaluationSummary.LearningCurve(List.of(new EvaluationSummary.LearningCurve.Point("0.25",
                "0.25"), new EvaluationSummary.LearningCurve.Point("0.5", "0.88")), "1.14", "0.85", false);
        EvaluationSummary summary = new EvaluationSummary(s.examples(), s.reference(), s.evals(), s.teacher(),
                s.student(), s.relativeAccuracy(), s.costRatio(), s.speedRatio(), s.dataset(),
                new Training(23, 1_000, 5_000, curve));

        // when
        String report = ReportMarkdown.render("ml/support-tickets", "tiny-llama", summary,
                Tradeoffs.judge(TradeoffsTest.acceptance("0.85", null, null), summary), List.of());

        // then
        assertThat(report).contains("| 23s | $0.001 | after 5,000 tokens served by the student |\n\nLearning curve, "
                + "agreement with the teacher's held-out answers: 0.25 after 0.25 of the data, 0.88 after 0.5 of the "
                + "data; projected 1.14 (held to 0.85): training went on over the whole data.\n");
    }

    @Test
    void theCandidatesAreTabledAndTheChoiceSaid() {
        // given: the cheaper candidate missed the accuracy, the next one met every trade-off, the third was not tried
        var cheap = new CandidateStatus("tiny-llama", CandidateStatus.State.NotMet,
                "relative accuracy 0.61 is below spec.acceptance.minRelativeAccuracy 0.95");
        cheap.result = new Result();
        cheap.result.relativeAccuracy = "0.61";
        cheap.result.costRatio = "0.002";
        cheap.result.studentP95LatencyMillis = 40L;
        var chosen = new CandidateStatus("qwen2.5-0.5b", CandidateStatus.State.Met, "every trade-off");
        chosen.result = new Result();
        chosen.result.relativeAccuracy = "0.975";
        chosen.result.costRatio = "0.066";
        chosen.result.studentP95LatencyMillis = 240L;
        var skipped = new CandidateStatus("qwen2.5-7b", CandidateStatus.State.Skipped, "not tried");
        var acceptance = TradeoffsTest.acceptance("0.95", "800ms", "0.2");

        // when
        String report = ReportMarkdown.render("ml/support-tickets", "qwen2.5-0.5b", Summaries.example(),
                Tradeoffs.judge(acceptance, Summaries.example()), List.of(cheap, chosen, skipped));
        var missed = Summaries.with("0.61", 40, "0.002");
        String none = ReportMarkdown.render("ml/support-tickets", "tiny-llama", missed,
                Tradeoffs.judge(acceptance, missed), List.of(cheap));

        // then
        assertThat(report).contains("## Candidates")
                .contains("| `tiny-llama` | 0.61 | 0.002 | 40 ms | NotMet: relative accuracy 0.61 is below")
                .contains("| `qwen2.5-0.5b` | 0.975 | 0.066 | 240 ms | Met: every trade-off |")
                .contains("| `qwen2.5-7b` |  |  |  | Skipped: not tried |")
                .contains("**Chosen**: `qwen2.5-0.5b`, the cheapest candidate that meets every trade-off");
        assertThat(none).contains("**No better student**: no candidate meets the trade-offs, so the teacher keeps "
                + "the task. The figures above are the closest candidate's, `tiny-llama`.");
    }

    @Test
    void moneyKeepsEveryMicroDollar() {
        assertThat(ReportMarkdown.usd(410_000)).isEqualTo("$0.41");
        assertThat(ReportMarkdown.usd(1_234)).isEqualTo("$0.001234");
        assertThat(ReportMarkdown.usd(6_250_000)).isEqualTo("$6.25");
        assertThat(ReportMarkdown.usd(0)).isEqualTo("$0.00");
    }
}
