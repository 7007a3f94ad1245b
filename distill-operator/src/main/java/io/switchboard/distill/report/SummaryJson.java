package io.switchboard.distill.report;

import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the worker's {@link EvaluationSummary}: every field is required (but the training's learning curve, which
 * summaries kept before it existed lack), and the figures the trade-offs are judged on must be decimals. Fields the operator does not know are ignored, so that the worker can add some first.
 */
public final class SummaryJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SummaryJson() {
    }

    public static EvaluationSummary read(String json) throws UnreadableSummary {
        if (json == null || json.isBlank()) {
            throw new UnreadableSummary("it is empty");
        }
        EvaluationSummary summary;
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree.path("training") instanceof ObjectNode training && !training.has("learningCurve")) {
                // kept before summaries had a learning curve: training drew none
                training.set("learningCurve", MAPPER.valueToTree(EvaluationSummary.LearningCurve.NONE));
            }
            summary = MAPPER.treeToValue(tree, EvaluationSummary.class);
        } catch (JsonProcessingException e) {
            throw new UnreadableSummary("it is not an EvaluationSummary: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        decimal("relativeAccuracy", summary.relativeAccuracy());
        decimal("costRatio", summary.costRatio());
        decimal("speedRatio", summary.speedRatio());
        return summary;
    }

    static BigDecimal decimal(String field, String value) throws UnreadableSummary {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new UnreadableSummary(field + " is not a decimal: \"" + value + "\"");
        }
    }

    /** A summary the operator cannot judge; the message says what is wrong with it. */
    public static final class UnreadableSummary extends Exception {

        private static final long serialVersionUID = 1L;

        public UnreadableSummary(String message) {
            super(message);
        }
    }
}
