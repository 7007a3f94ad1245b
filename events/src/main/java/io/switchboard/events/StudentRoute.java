package io.switchboard.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A distilled student that serves one workload's requests for a teacher model, published by distill-operator on
 * {@link Topics#ROUTES} keyed by {@link #job()}. Requests for {@link #model()} tagged {@link #workload()} go to the
 * student first; the teacher's own chain stays behind it as the fallback. A tombstone withdraws the route.
 *
 * @param job the DistillationJob that promoted the student, {@code <namespace>/<name>}
 * @param model the model name clients ask for (the teacher's, unless the job routes the student under another)
 * @param workload the workload tag of the requests the student serves
 * @param student the model name the student's server answers to
 * @param baseUrl the student's OpenAI-compatible API, ending before {@code /chat/completions} (e.g.
 *        {@code http://tickets-student.ml.svc:8000/v1})
 * @param inputMicrosPerMillion what a million input tokens cost on the student, in micro-USD (from the report)
 * @param outputMicrosPerMillion what a million output tokens cost on the student, in micro-USD
 * @param sharePercent the share of the workload's requests for the model that the student serves, 1 to 100 (a canary
 *        step); {@code null} for all of them
 * @param shadowPercent the share of the requests the student answers that the router also asks the teacher, after the
 *        client has the student's answer, to compare the two (shadow evaluation), 1 to 100; {@code null} for none
 * @param shadowFields how the shadow compares the two answers: {@code null} for their whole text (as an ExactMatch
 *        eval), or the top-level fields of the JSON objects both must be that have to be equal (as a JsonFields eval,
 *        {@link AnswerText#sameFields})
 * @param shadowPattern or the regular expression whose first group (or whole match) both answers must have equal, as a
 *        Regex eval ({@link AnswerText#sameMatch}); {@code null} for none
 * @param shadowToolCalls or, when true, the tools both answers call, as a ToolCall eval
 *        ({@link AnswerText#sameCalls}); {@code null} or false for none
 */
public record StudentRoute(String job, String model, String workload, String student, String baseUrl,
        long inputMicrosPerMillion, long outputMicrosPerMillion, Instant publishedAt, Integer sharePercent,
        Integer shadowPercent, List<String> shadowFields, String shadowPattern, Boolean shadowToolCalls) {

    /** What the router's provider name of a promoted student starts with, in its usage events' attempts. */
    public static final String PROVIDER_PREFIX = "student:";

    /** The router's provider name of the job's student. */
    public static String provider(String job) {
        return PROVIDER_PREFIX + job;
    }

    /** Whether a provider name (of a usage event's attempt, say) is a promoted student's. */
    public static boolean isStudent(String provider) {
        return provider.startsWith(PROVIDER_PREFIX);
    }

    /** The job of a student's provider name. */
    public static String job(String provider) {
        return provider.substring(PROVIDER_PREFIX.length());
    }

    public StudentRoute {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(publishedAt, "publishedAt");
        if (inputMicrosPerMillion < 0 || outputMicrosPerMillion < 0) {
            throw new IllegalArgumentException("a student's price cannot be negative");
        }
        if (sharePercent != null && (sharePercent < 1 || sharePercent > 100)) {
            throw new IllegalArgumentException("a student's share must be 1 to 100 percent");
        }
        if (shadowPercent != null && (shadowPercent < 1 || shadowPercent > 100)) {
            throw new IllegalArgumentException("a student's shadow share must be 1 to 100 percent");
        }
        if (shadowFields != null) {
            if (shadowFields.isEmpty() || shadowFields.stream().anyMatch(field -> field == null || field.isBlank())) {
                throw new IllegalArgumentException("a shadow compares at least one field, each named");
            }
            shadowFields = List.copyOf(shadowFields);
        }
        if (shadowPattern != null) {
            try {
                Pattern.compile(shadowPattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("a shadow's pattern must be a regular expression: "
                        + e.getDescription());
            }
        }
        int rules = (shadowFields == null ? 0 : 1) + (shadowPattern == null ? 0 : 1)
                + (Boolean.TRUE.equals(shadowToolCalls) ? 1 : 0);
        if (rules > 1) {
            throw new IllegalArgumentException("a shadow compares fields, a pattern or tool calls, one of them");
        }
    }

    /** A route whose shadow, if any, compares the answers' whole text. */
    public StudentRoute(String job, String model, String workload, String student, String baseUrl,
            long inputMicrosPerMillion, long outputMicrosPerMillion, Instant publishedAt, Integer sharePercent,
            Integer shadowPercent) {
        this(job, model, workload, student, baseUrl, inputMicrosPerMillion, outputMicrosPerMillion, publishedAt,
                sharePercent, shadowPercent, null, null, null);
    }

    /** A route without shadow evaluation. */
    public StudentRoute(String job, String model, String workload, String student, String baseUrl,
            long inputMicrosPerMillion, long outputMicrosPerMillion, Instant publishedAt, Integer sharePercent) {
        this(job, model, workload, student, baseUrl, inputMicrosPerMillion, outputMicrosPerMillion, publishedAt,
                sharePercent, null);
    }

    /** The share of the requests the student serves, in percent. */
    public int share() {
        return sharePercent == null ? 100 : sharePercent;
    }

    /** The share of the student's answered requests the teacher is also asked, in percent; 0 for none. */
    public int shadowShare() {
        return shadowPercent == null ? 0 : shadowPercent;
    }
}
