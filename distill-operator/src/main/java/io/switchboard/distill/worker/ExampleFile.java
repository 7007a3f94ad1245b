package io.switchboard.distill.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the trainer's dataset format (trainer/README.md: "Dataset format") line by line, with the worker's own
 * fields: {@code expected}, the known right answer, and {@code tools}. An example may lack its answer: the dataset
 * stage asks the teacher for it.
 */
final class ExampleFile {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");

    /**
     * A file's examples.
     *
     * @param read the lines that are not blank
     * @param examples the valid ones, in the file's order
     * @param invalid why each other line is not valid, as {@code line <n>: <reason>}
     */
    record Lines(int read, List<Example> examples, List<String> invalid) {
    }

    private ExampleFile() {
    }

    static Lines read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInput(file + ": no such file");
        }
        List<Example> examples = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        int read = 0;
        int number = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                read++;
                try {
                    examples.add(parse(Json.MAPPER.readTree(line), file.getFileName() + ":" + number));
                } catch (JsonProcessingException e) {
                    invalid.add("line " + number + ": not valid JSON");
                } catch (BadInput e) {
                    invalid.add("line " + number + ": " + e.getMessage());
                }
            }
        } catch (CharacterCodingException e) {
            throw new BadInput(file + " line " + (number + 1) + ": not UTF-8 text");
        }
        return new Lines(read, examples, invalid);
    }

    /** The examples a stage wrote: every line valid and answered. */
    static List<Example> readAnswered(Path file) throws IOException {
        Lines lines = read(file);
        if (!lines.invalid().isEmpty()) {
            throw new BadInput(file + " " + lines.invalid().get(0));
        }
        for (Example example : lines.examples()) {
            if (example.answer() == null) {
                throw new BadInput(file + ": example " + example.id() + " has no answer");
            }
        }
        if (lines.examples().isEmpty()) {
            throw new BadInput(file + ": no examples");
        }
        return lines.examples();
    }

    private static Example parse(JsonNode line, String defaultId) {
        if (!line.isObject()) {
            throw new BadInput("not a JSON object with \"messages\"");
        }
        List<Example.Message> messages = messages(line.get("messages"));
        String answer = text(line, "answer");
        if (answer == null && messages.get(messages.size() - 1).role().equals("assistant")) {
            // the chat-like form: the last message is the answer
            answer = messages.remove(messages.size() - 1).content();
            if (answer.isBlank()) {
                throw new BadInput("the answer (the last, assistant message) is empty");
            }
        }
        if (messages.stream().noneMatch(message -> message.role().equals("user"))) {
            throw new BadInput("messages: no user message before the answer");
        }
        JsonNode tools = line.get("tools");
        if (tools != null && !tools.isArray()) {
            throw new BadInput("\"tools\" must be a list of tool definitions");
        }
        JsonNode id = line.get("id");
        return new Example(id != null && id.isValueNode() ? id.asText() : defaultId, messages, answer,
                text(line, "expected"), tools);
    }

    /** A field that is absent, or a string that is not blank. */
    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new BadInput("\"" + field + "\" must be a non-empty string");
        }
        return value.asText();
    }

    private static List<Example.Message> messages(JsonNode raw) {
        if (raw == null || !raw.isArray() || raw.isEmpty()) {
            throw new BadInput("\"messages\" must be a non-empty list");
        }
        List<Example.Message> messages = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            JsonNode message = raw.get(i);
            String role = message.path("role").asText();
            if (!ROLES.contains(role)) {
                throw new BadInput("messages[" + i + "].role must be one of system, developer, user, assistant");
            }
            messages.add(new Example.Message(role, content(message.get("content"), i)));
        }
        return messages;
    }

    /** A string, or OpenAI's text parts joined. */
    private static String content(JsonNode content, int index) {
        if (content != null && content.isTextual()) {
            return content.asText();
        }
        if (content != null && content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (!part.path("type").asText().equals("text") || !part.path("text").isTextual()) {
                    throw new BadInput("messages[" + index + "].content: only text parts are supported");
                }
                text.append(part.get("text").asText());
            }
            return text.toString();
        }
        throw new BadInput("messages[" + index + "].content must be a string or a list of text parts");
    }
}
