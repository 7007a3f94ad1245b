package io.switchboard.distill.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.distill.report.EvaluationSummary.Side;

/**
 * What the evaluation worker hands over: src/test/resources/report/summary.json, where the example job's student
 * meets its trade-offs, and the same summary with other figures.
 */
public final class Summaries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Summaries() {
    }

    public static EvaluationSummary example() {
        try {
            return SummaryJson.read(Files.readString(Path.of("src/test/resources/report/summary.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SummaryJson.UnreadableSummary e) {
            throw new IllegalStateException(e);
        }
    }

    /** The example with the figures the trade-offs are judged on replaced. */
    public static EvaluationSummary with(String relativeAccuracy, long studentP95LatencyMillis, String costRatio) {
        EvaluationSummary s = example();
        Side student = s.student();
        return new EvaluationSummary(s.examples(), s.reference(), s.evals(), s.teacher(),
                new Side(student.model(), student.accuracy(), student.errors(), student.p50LatencyMillis(),
                        studentP95LatencyMillis, student.outputTokensPerSecond(),
                        student.costMicrosPerMillionTokens()),
                relativeAccuracy, costRatio, s.speedRatio(), s.dataset(), s.training());
    }

    public static String json(EvaluationSummary summary) {
        try {
            return JSON.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
