package io.switchboard.distill.worker;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** How answers are compared beyond their text. */
final class AnswerText {

    private static final Pattern FENCE = Pattern.compile("(?s)^```[A-Za-z0-9_-]*\\s*\\n(.*?)\\n?```$");

    /** JSON values equal in kind and content, numbers by value: {@code 1} equals {@code 1.0}. */
    static final Comparator<JsonNode> JSON_EQUALITY = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private AnswerText() {
    }

    /** The answer without the Markdown code fence that models often put around JSON. */
    static String unfenced(String answer) {
        String trimmed = answer.strip();
        Matcher fenced = FENCE.matcher(trimmed);
        return fenced.matches() ? fenced.group(1) : trimmed;
    }

    static boolean jsonEqual(JsonNode a, JsonNode b) {
        return a.equals(JSON_EQUALITY, b);
    }
}
