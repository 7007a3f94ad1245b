package io.switchboard.distill.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.events.AnswerText;

/** The rules of the evals that need no model: ExactMatch, JsonFields, Regex and ToolCall. */
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
        return (example, answer, reference) -> {
            String mine = extract(pattern, answer);
            return mine != null && mine.equals(extract(pattern, reference));
        };
    }

    /** The same tools are called, in any order, with JSON-equal arguments. */
    static Scorer toolCall() {
        return (example, answer, reference) -> {
            var mine = ToolCalls.parse(answer);
            var theirs = ToolCalls.parse(reference);
            return mine.isPresent() && theirs.isPresent() && sameCalls(mine.get(), theirs.get());
        };
    }

    private static String extract(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return null;
        }
        return matcher.groupCount() > 0 && matcher.group(1) != null ? matcher.group(1) : matcher.group();
    }

    private static boolean sameCalls(List<ToolCalls.Call> mine, List<ToolCalls.Call> theirs) {
        List<ToolCalls.Call> unmatched = new ArrayList<>(theirs);
        for (ToolCalls.Call call : mine) {
            int match = -1;
            for (int i = 0; i < unmatched.size() && match < 0; i++) {
                ToolCalls.Call other = unmatched.get(i);
                if (Objects.equals(call.name(), other.name())
                        && AnswerText.jsonEqual(call.arguments(), other.arguments())) {
                    match = i;
                }
            }
            if (match < 0) {
                return false;
            }
            unmatched.remove(match);
        }
        return unmatched.isEmpty();
    }
}
