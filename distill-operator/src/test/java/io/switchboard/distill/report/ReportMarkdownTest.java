package io.switchboard.distill.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

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
                Tradeoffs.judge(TradeoffsTest.acceptance("0.95", "800ms", "0.2"), Summaries.example()));

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
                Tradeoffs.judge(TradeoffsTest.acceptance("0.95", "800ms", "0.2"), summary));

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
                Tradeoffs.judge(TradeoffsTest.acceptance("0.95", null, null), summary));

        // then
        assertThat(report).contains("| 1h 2m 5s | $2.50 | never: the student is not cheaper per token |");
    }

    @Test
    void moneyKeepsEveryMicroDollar() {
        assertThat(ReportMarkdown.usd(410_000)).isEqualTo("$0.41");
        assertThat(ReportMarkdown.usd(1_234)).isEqualTo("$0.001234");
        assertThat(ReportMarkdown.usd(6_250_000)).isEqualTo("$6.25");
        assertThat(ReportMarkdown.usd(0)).isEqualTo("$0.00");
    }
}
