package io.switchboard.events;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How answers are compared beyond their text: by distill-operator's evaluation (its JsonFields and ToolCall evals) and
 * by the router's shadow evaluation of a promoted student ({@link StudentRoute#shadowFields()}), which must agree.
 */
public final class AnswerText {

    private static final Pattern FENCE = Pattern.compile("(?s)^```[A-Za-z0-9_-]*\\s*\\n(.*?)\\n?```$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** JSON values equal in kind and content, numbers by value: {@code 1} equals {@code 1.0}. */
    private static final Comparator<JsonNode> JSON_EQUALITY = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private AnswerText() {
    }

    /** The answer without the Markdown code fence that models often put around JSON. */
    public static String unfenced(String answer) {
        String trimmed = answer.strip();
        Matcher fenced = FENCE.matcher(trimmed);
        return fenced.matches() ? fenced.group(1) : trimmed;
    }

    /** JSON values equal in kind and content, in containers too; numbers by value. */
    public static boolean jsonEqual(JsonNode a, JsonNode b) {
        return a.equals(JSON_EQUALITY, b);
    }

    /** The answer as the JSON it is (a Markdown fence around it is fine); empty when it is not JSON. */
    public static Optional<JsonNode> json(String answer) {
        try {
            return Optional.of(JSON.readTree(unfenced(answer)));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Both answers are JSON objects whose named top-level fields are equal (absent in both counts as equal). */
    public static boolean sameFields(String answer, String reference, List<String> fields) {
        var mine = json(answer).filter(JsonNode::isObject);
        var theirs = json(reference).filter(JsonNode::isObject);
        return mine.isPresent() && theirs.isPresent()
                && fields.stream().allMatch(field -> jsonEqual(mine.get().path(field), theirs.get().path(field)));
    }
}
