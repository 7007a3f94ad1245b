package io.switchboard.distill.report;

import java.util.List;
import java.util.Map;

/**
 * What the evaluation stage found, as the worker hands it to the operator: the JSON the evaluation container writes
 * to its termination message (so it must stay under the kubelet's 4096 bytes; the per-example details stay in the
 * workspace) and to {@code report.json}. Ratios and scores are decimal strings, as in the spec; money is micro-USD.
 *
 * @param examples held-out examples asked
 * @param reference what the answers were scored against: {@code expected} (the examples' known right answers) or
 *        {@code teacher} (the teacher's recorded answers)
 * @param evals the score of each of the spec's evals, in the spec's order
 * @param teacher the teacher, asked through the router
 * @param student the student, asked at its Service
 * @param relativeAccuracy the student's weighted accuracy divided by the teacher's
 * @param costRatio the student's cost per million tokens divided by the teacher's
 * @param speedRatio the teacher's p95 latency divided by the student's (above 1: the student is faster)
 * @param dataset what the dataset stage kept and dropped
 * @param training what training took and cost
 */
public record EvaluationSummary(int examples, String reference, List<EvalScore> evals, Side teacher, Side student,
        String relativeAccuracy, String costRatio, String speedRatio, DatasetCounts dataset, Training training) {

    /** One eval's score: the share of examples it passed, for each side. */
    public record EvalScore(String kind, int weight, String teacher, String student) {
    }

    /**
     * One model's figures over the held-out examples.
     *
     * @param model the model name asked
     * @param accuracy weighted over the evals, 0 to 1
     * @param errors requests that failed (counted as wrong answers)
     * @param outputTokensPerSecond output tokens over the requests' summed latency
     * @param costMicrosPerMillionTokens what a million tokens (input and output as the examples mix them) cost
     */
    public record Side(String model, String accuracy, int errors, long p50LatencyMillis, long p95LatencyMillis,
            String outputTokensPerSecond, long costMicrosPerMillionTokens) {
    }

    /**
     * The dataset stage's counts: examples read, dropped (and why), asked of the teacher, and the split.
     *
     * @param invalid examples left out before the dedupe: invalid lines of a file, or captured traces left out
     * @param trafficWorkload the workload whose captured traffic was read; empty for a file
     * @param trafficLeftOut for captured traffic, the traces left out by reason (expired, answeredByAnotherModel...);
     *        empty for a file
     */
    public record DatasetCounts(int read, int invalid, int duplicates, int askedTeacher, int teacherErrors, int train,
            int eval, String trafficWorkload, Map<String, Integer> trafficLeftOut) {

        /** The counts of a dataset read from a file. */
        public DatasetCounts(int read, int invalid, int duplicates, int askedTeacher, int teacherErrors, int train,
                int eval) {
            this(read, invalid, duplicates, askedTeacher, teacherErrors, train, eval, "", Map.of());
        }
    }

    /**
     * @param seconds the training Job's run time, from the trainer's metrics
     * @param costMicros {@code seconds} at the catalog's cost per hour of the student's hardware
     * @param breakEvenTokens tokens served by the student, instead of the teacher, that pay the training back; -1
     *        when the student is not cheaper per token
     * @param learningCurve the trainer's learning curve ({@code --stop-below}); {@link LearningCurve#NONE} when it drew
     *        none
     */
    public record Training(long seconds, long costMicros, long breakEvenTokens, LearningCurve learningCurve) {

        /** Training without a learning curve. */
        public Training(long seconds, long costMicros, long breakEvenTokens) {
            this(seconds, costMicros, breakEvenTokens, LearningCurve.NONE);
        }
    }

    /**
     * The agreement with the teacher's held-out answers after training on growing fractions of the data, and what the
     * trainer projected from it (trainer/README.md: metrics.json).
     *
     * @param points none when no curve was drawn
     * @param projected the agreement projected for the whole data; empty when no curve was drawn
     * @param stopBelow the agreement the projection was held to; empty when no curve was drawn
     * @param stoppedEarly the projection fell short, so training stopped after the last point
     */
    public record LearningCurve(List<Point> points, String projected, String stopBelow, boolean stoppedEarly) {

        /** No curve: the trainer trained on the whole data at once. */
        public static final LearningCurve NONE = new LearningCurve(List.of(), "", "", false);

        public LearningCurve {
            points = List.copyOf(points);
        }

        public boolean drawn() {
            return !points.isEmpty();
        }

        /** The agreement after training on this fraction of the data. */
        public record Point(String fraction, String agreement) {
        }
    }
}
