package io.switchboard.distill.worker;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One example of the trainer's dataset format (trainer/README.md), as the worker writes it.
 *
 * @param id from the input, or {@code <file>:<line>}
 * @param messages the prompt
 * @param answer the teacher's answer; {@code null} until the teacher is asked
 * @param expected the known right answer, when the input has one: the evaluation scores against it
 * @param tools OpenAI tool definitions sent with the prompt, when the input has them (the ToolCall eval)
 */
@JsonPropertyOrder({"id", "messages", "answer", "expected", "tools"})
record Example(String id, List<Message> messages, String answer, String expected, JsonNode tools) {

    record Message(String role, String content) {
    }

    Example withAnswer(String teacherAnswer) {
        return new Example(id, messages, teacherAnswer, expected, tools);
    }

    /** The last user message: what a judge is shown as the request. */
    String request() {
        String last = "";
        for (Message message : messages) {
            if (message.role().equals("user")) {
                last = message.content();
            }
        }
        return last;
    }

    /** The prompt as the dedupe and the split see it: roles and texts, white space folded, lower case. */
    String normalizedPrompt() {
        return messages.stream().map(message -> message.role() + ": " + message.content())
                .collect(Collectors.joining("\n")).replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }
}
