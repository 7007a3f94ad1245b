package io.switchboard.distill.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.switchboard.distill.report.SummaryJson.UnreadableSummary;

/** The evaluation worker's summary is read whole, or refused saying what is wrong with it. */
class SummaryJsonTest {

    @Test
    void theWorkersSummaryIsReadWhole() throws UnreadableSummary {
        // when
        EvaluationSummary summary = SummaryJson.read(Summaries.json(Summaries.example()));

        // then
        assertThat(summary).isEqualTo(Summaries.example());
        assertThat(summary.student().costMicrosPerMillionTokens()).isEqualTo(410_000);
        assertThat(summary.evals()).extracting(EvaluationSummary.EvalScore::kind).containsExactly("ExactMatch",
                "Judge");
    }

    @Test
    void fieldsFromANewerWorkerAreIgnored() throws UnreadableSummary {
        // given
        String json = Summaries.json(Summaries.example()).replaceFirst("\\{",
                "{\"perExample\":\"eval-details.jsonl\",");

        // then
        assertThat(SummaryJson.read(json)).isEqualTo(Summaries.example());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                   | it is empty
            Traceback (most recent call last):   | it is not an EvaluationSummary
            '{"examples": 3}'                    | it is not an EvaluationSummary: Missing creator property 'reference'
            """)
    void aMessageThatIsNoSummaryIsRefused(String message, String expected) {
        assertThatThrownBy(() -> SummaryJson.read(message)).isInstanceOf(UnreadableSummary.class)
                .hasMessageStartingWith(expected);
    }

    @Test
    void aLearningCurveIsReadWithTheTraining() throws UnreadableSummary {
        // given
        EvaluationSummary s = Summaries.example();
        var curve = new EvaluationSummary.LearningCurve(List.of(new EvaluationSummary.LearningCurve.Point("0.25",
                "0"), new EvaluationSummary.LearningCurve.Point("0.5", "0.2")), "0.6", "0.85", true);
        var summary = new EvaluationSummary(s.examples(), s.reference(), s.evals(), s.teacher(), s.student(),
                s.relativeAccuracy(), s.costRatio(), s.speedRatio(), s.dataset(),
                new EvaluationSummary.Training(750, 145_833, 24_500_000, curve));

        // then
        assertThat(SummaryJson.read(Summaries.json(summary)).training().learningCurve()).isEqualTo(curve);
        // and: a summary kept before summaries had a curve (the example's file) reads with none
        assertThat(Summaries.example().training().learningCurve()).isEqualTo(EvaluationSummary.LearningCurve.NONE);
    }

    @Test
    void aMissingFigureIsRefusedNamingIt() {
        // given
        String json = Summaries.json(Summaries.example()).replace("\"costRatio\":\"0.066\",", "");

        // then
        assertThatThrownBy(() -> SummaryJson.read(json)).isInstanceOf(UnreadableSummary.class)
                .hasMessageContaining("costRatio");
    }

    @Test
    void aRatioThatIsNoDecimalIsRefusedNamingIt() {
        // given
        String json = Summaries.json(Summaries.with("n/a", 240, "0.066"));

        // then
        assertThatThrownBy(() -> SummaryJson.read(json)).isInstanceOf(UnreadableSummary.class)
                .hasMessage("relativeAccuracy is not a decimal: \"n/a\"");
    }
}
