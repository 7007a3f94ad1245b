package io.switchboard.distill.worker;

import java.util.List;
import java.util.regex.Pattern;

import io.switchboard.events.AnswerText;

/**
 * The rules of the evals that need no model: ExactMatch, JsonFields, Regex and ToolCall. The last three are
 * {@link AnswerText}'s, which the router's shadow evaluation shares.
 */
final class Scorers {

    private Scorers() {
    }

    /** The trimmed texts are equal. */
    static Scorer exactMatch() {
        return (example, answer, reference) -> answer.strip().equals(reference.strip());
    }

    /** Both answers are JSON objects (a Markdown fence around them is fine) whose named fields are equal. */
    static Scorer jsonFields(List<String> fields) {
        return (example, answer, reference) -> AnswerText.sameFields(answer, reference, fields);
    }

    /** The pattern's first group (or its whole match, without a group) is found in both and equal. */
    static Scorer regex(Pattern pattern) {
        return (example, answer, reference) -> AnswerText.sameMatch(pattern, answer, reference);
    }

    /** The same tools are called, in any order, with JSON-equal arguments. */
    static Scorer toolCall() {
        return (example, answer, reference) -> AnswerText.sameToolCalls(answer, reference);
    }
}
