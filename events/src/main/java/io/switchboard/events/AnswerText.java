package io.switchboard.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * How answers are compared beyond their text: by distill-operator's evaluation (its JsonFields, Regex and ToolCall
 * evals) and by the router's shadow evaluation of a promoted student ({@link StudentRoute#shadowFields()},
 * {@link StudentRoute#shadowPattern()}, {@link StudentRoute#shadowToolCalls()}), which must agree.
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

    /**
     * The pattern's first group (or its whole match, without a group) is found in both answers and equal: the Regex
     * eval's rule.
     */
    public static boolean sameMatch(Pattern pattern, String answer, String reference) {
        String mine = match(pattern, answer);
        return mine != null && mine.equals(match(pattern, reference));
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return null;
        }
        return matcher.groupCount() > 0 && matcher.group(1) != null ? matcher.group(1) : matcher.group();
    }

    /**
     * One tool call of an answer.
     *
     * @param arguments a JSON value; an object without arguments
     */
    public record ToolCall(String name, JsonNode arguments) {

        /** A call whose arguments are JSON text, as APIs send them; text that is not JSON stays a JSON string. */
        public static ToolCall of(String name, String arguments) {
            return new ToolCall(name, parsedArguments(JSON.getNodeFactory().textNode(arguments)));
        }
    }

    /**
     * The calls an answer makes: written as a JSON list of {@code {"name", "arguments"}}, in OpenAI's
     * {@code tool_calls} form, or one call alone (a Markdown fence around them is fine); empty when the answer is not a
     * tool-call answer.
     */
    public static Optional<List<ToolCall>> toolCalls(String answer) {
        return json(answer).flatMap(node -> {
            List<ToolCall> calls = toolCalls(node.isArray() ? node : JSON.createArrayNode().add(node));
            return calls.isEmpty() || calls.stream().anyMatch(call -> call.name() == null)
                    ? Optional.empty()
                    : Optional.of(calls);
        });
    }

    /** Calls written as an answer's text, the form {@link #toolCalls(String)} reads first. */
    public static String written(List<ToolCall> calls) {
        ArrayNode list = JSON.createArrayNode();
        for (ToolCall call : calls) {
            list.addObject().put("name", call.name()).set("arguments", call.arguments());
        }
        return list.toString();
    }

    /** A JSON list of calls, each {@code {"name", "arguments"}} or OpenAI's {@code {"function": {...}}}. */
    public static List<ToolCall> toolCalls(JsonNode list) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : list) {
            JsonNode function = call.has("function") ? call.get("function") : call;
            calls.add(new ToolCall(function.path("name").textValue(), parsedArguments(function.path("arguments"))));
        }
        return calls;
    }

    private static JsonNode parsedArguments(JsonNode arguments) {
        JsonNode parsed = arguments;
        if (arguments.isTextual()) {
            try {
                parsed = JSON.readTree(arguments.asText());
            } catch (JsonProcessingException e) {
                return arguments;
            }
        }
        // no arguments: OpenAI's "" and an absent field alike
        return parsed == null || parsed.isMissingNode() || parsed.isNull() ? JSON.createObjectNode() : parsed;
    }

    /**
     * Both answers are tool-call answers ({@link #toolCalls(String)}) that call the same tools: the ToolCall eval's
     * rule.
     */
    public static boolean sameToolCalls(String answer, String reference) {
        var mine = toolCalls(answer);
        var theirs = toolCalls(reference);
        return mine.isPresent() && theirs.isPresent() && sameCalls(mine.get(), theirs.get());
    }

    /** The same tools called, in any order, with JSON-equal arguments; no calls at all do not count as the same. */
    public static boolean sameCalls(List<ToolCall> mine, List<ToolCall> theirs) {
        if (mine.isEmpty() || theirs.isEmpty()) {
            return false;
        }
        List<ToolCall> unmatched = new ArrayList<>(theirs);
        for (ToolCall call : mine) {
            int match = -1;
            for (int i = 0; i < unmatched.size() && match < 0; i++) {
                ToolCall other = unmatched.get(i);
                if (Objects.equals(call.name(), other.name()) && jsonEqual(call.arguments(), other.arguments())) {
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
