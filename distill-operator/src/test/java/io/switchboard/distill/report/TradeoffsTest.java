package io.switchboard.distill.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.switchboard.distill.api.Acceptance;
import io.switchboard.distill.report.Tradeoffs.Verdict;

/** The example's acceptance (accuracy 0.95 of the teacher's, p95 800ms, a fifth of the cost) against measured figures. */
class TradeoffsTest {

    static Acceptance acceptance(String minRelativeAccuracy, String maxP95Latency, String maxCostRatio) {
        Acceptance acceptance = new Acceptance();
        acceptance.minRelativeAccuracy = minRelativeAccuracy;
        acceptance.maxP95Latency = maxP95Latency;
        acceptance.maxCostRatio = maxCostRatio;
        return acceptance;
    }

    @Test
    void aStudentWithinEveryBoundMeetsItsTradeoffsAndTheMessageGivesTheFigures() {
        // when
        Verdict verdict = Tradeoffs.judge(acceptance("0.95", "800ms", "0.2"), Summaries.example());

        // then
        assertThat(verdict.met()).isTrue();
        assertThat(verdict.reason()).isEqualTo("Met");
        assertThat(verdict.message())
                .isEqualTo("relative accuracy 0.975 is at least spec.acceptance.minRelativeAccuracy"
                        + " 0.95; student p95 latency 240ms is within spec.acceptance.maxP95Latency 800ms; cost ratio 0.066 is"
                        + " within spec.acceptance.maxCostRatio 0.2");
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', textBlock = """
            0.91  | 240  | 0.066 | BelowAccuracy | relative accuracy 0.91 is below spec.acceptance.minRelativeAccuracy 0.95
            0.975 | 950  | 0.066 | TooSlow       | student p95 latency 950ms is above spec.acceptance.maxP95Latency 800ms
            0.975 | 240  | 0.31  | TooExpensive  | cost ratio 0.31 is above spec.acceptance.maxCostRatio 0.2
            """)
    void aStudentPastOneBoundDoesNotMeetItsTradeoffsNamingTheFigureAndTheField(String accuracy, long p95,
            String costRatio, String reason, String message) {
        // when
        Verdict verdict = Tradeoffs.judge(acceptance("0.95", "800ms", "0.2"), Summaries.with(accuracy, p95, costRatio));

        // then
        assertThat(verdict.met()).isFalse();
        assertThat(verdict.reason()).isEqualTo(reason);
        assertThat(verdict.message()).isEqualTo(message);
    }

    @Test
    void theReasonIsTheFirstTradeoffMissedAndTheMessageNamesEveryOne() {
        // when
        Verdict verdict = Tradeoffs.judge(acceptance("0.95", "800ms", "0.2"), Summaries.with("0.9", 240, "0.5"));

        // then
        assertThat(verdict.reason()).isEqualTo("BelowAccuracy");
        assertThat(verdict.message()).isEqualTo("relative accuracy 0.9 is below spec.acceptance.minRelativeAccuracy"
                + " 0.95; cost ratio 0.5 is above spec.acceptance.maxCostRatio 0.2");
    }

    @ParameterizedTest(name = "{0} against {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.95  | 0.950 | true
            0.949 | 0.95  | false
            """)
    void aBoundIsMetWhenReachedExactly(String accuracy, String minimum, boolean met) {
        assertThat(Tradeoffs.judge(acceptance(minimum, null, null), Summaries.with(accuracy, 240, "0.066")).met())
                .isEqualTo(met);
    }

    @Test
    void latencyInSecondsIsCompared() {
        // when
        Verdict verdict = Tradeoffs.judge(acceptance("0.95", "2s", null), Summaries.with("0.975", 2001, "0.066"));

        // then
        assertThat(verdict.reason()).isEqualTo("TooSlow");
        assertThat(verdict.message()).contains("2001ms is above spec.acceptance.maxP95Latency 2s");
    }

    @Test
    void boundsTheSpecLeavesOutAreNotJudged() {
        // when
        Verdict verdict = Tradeoffs.judge(acceptance("0.95", null, null), Summaries.with("0.975", 99_000, "3.5"));

        // then
        assertThat(verdict.met()).isTrue();
        assertThat(verdict.checks()).singleElement().satisfies(check -> assertThat(check.field())
                .isEqualTo("minRelativeAccuracy"));
    }
}
