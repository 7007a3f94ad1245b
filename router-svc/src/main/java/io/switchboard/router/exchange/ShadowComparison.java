package io.switchboard.router.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.switchboard.events.AnswerText;
import io.switchboard.events.StudentRoute;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.PlainText;

/**
 * How a shadow compares a promoted student's answer with the teacher's, as the job's evals did: by their whole text
 * ({@link #comparable}), by the JSON fields the route names, by a regular expression's match, or by the tools they
 * call. The last three are {@link AnswerText}'s rules, which the operator's evaluation shares, applied to each answer
 * as that evaluation reads it ({@link #asEvaluated}). Immutable.
 */
public final class ShadowComparison {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final List<String> fields;
    private final Pattern pattern;
    private final boolean toolCalls;

    private ShadowComparison(List<String> fields, Pattern pattern, boolean toolCalls) {
        this.fields = fields;
        this.pattern = pattern;
        this.toolCalls = toolCalls;
    }

    /**
     * The route's rule: its {@code shadowFields}, {@code shadowPattern} or {@code shadowToolCalls}; without one, the
     * whole text.
     */
    public static ShadowComparison of(StudentRoute route) {
        return new ShadowComparison(route.shadowFields(),
                route.shadowPattern() == null ? null : Pattern.compile(route.shadowPattern()),
                Boolean.TRUE.equals(route.shadowToolCalls()));
    }

    /** Whether the student's answer agrees with the teacher's. */
    boolean agree(List<Part> student, List<Part> teacher) {
        if (fields == null && pattern == null && !toolCalls) {
            return comparable(student).equals(comparable(teacher));
        }
        String mine = asEvaluated(student);
        String theirs = asEvaluated(teacher);
        if (toolCalls) {
            return AnswerText.sameToolCalls(mine, theirs);
        }
        return fields != null
                ? AnswerText.sameFields(mine, theirs, fields)
                : AnswerText.sameMatch(pattern, mine, theirs);
    }

    /**
     * An answer as the operator's evaluation reads it: the tool calls it makes written as JSON
     * ({@link AnswerText#written}), else its text. A student trained on such written calls answers with that text
     * itself, which reads the same.
     */
    static String asEvaluated(List<Part> answer) {
        var calls = new ArrayList<AnswerText.ToolCall>();
        for (var part : answer) {
            if (part instanceof Part.ToolCall call) {
                calls.add(AnswerText.ToolCall.of(call.name(), call.arguments()));
            }
        }
        return calls.isEmpty() ? PlainText.of(answer) : AnswerText.written(calls);
    }

    /**
     * An answer as it is compared: its plain text, each text part trimmed and each tool call's arguments as canonical
     * JSON (keys sorted, no spaces), so that two APIs' encodings of the same answer compare equal.
     */
    static String comparable(List<Part> answer) {
        var parts = new ArrayList<Part>(answer.size());
        for (var part : answer) {
            if (part instanceof Part.ToolCall call) {
                parts.add(new Part.ToolCall(call.id(), call.name(), canonical(call.arguments())));
            } else if (part instanceof Part.Text text) {
                parts.add(new Part.Text(text.text().strip()));
            } else {
                parts.add(part);
            }
        }
        return PlainText.of(parts).strip();
    }

    private static String canonical(String json) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            return json;
        }
    }
}
