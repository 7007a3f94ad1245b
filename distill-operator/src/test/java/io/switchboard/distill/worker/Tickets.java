package io.switchboard.distill.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The tests' task: support tickets labelled by the first keyword they hold, as the simulated teacher does. */
final class Tickets {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SYSTEM = "Classify the support ticket. Answer with one word.";
    private static final Map<String, String> KEYWORDS = new LinkedHashMap<>();

    static {
        KEYWORDS.put("refund", "billing");
        KEYWORDS.put("password", "account");
        KEYWORDS.put("crash", "bug");
        KEYWORDS.put("parcel", "shipping");
    }

    private Tickets() {
    }

    static String label(String ticket) {
        return KEYWORDS.entrySet().stream().filter(keyword -> ticket.contains(keyword.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse("other");
    }

    /** Ticket {@code i}: one of the keywords in turn, and words that make each one distinct. */
    static String ticket(int i) {
        List<String> keywords = new ArrayList<>(KEYWORDS.keySet());
        return "ticket number " + i + " about my " + keywords.get(i % keywords.size()) + " please help";
    }

    /** An example line: the ticket as the user's message, and the fields given (null: left out). */
    static ObjectNode example(String id, String ticket, String answer, String expected) {
        ObjectNode line = JSON.createObjectNode();
        if (id != null) {
            line.put("id", id);
        }
        var messages = line.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM);
        messages.addObject().put("role", "user").put("content", ticket);
        if (answer != null) {
            line.put("answer", answer);
        }
        if (expected != null) {
            line.put("expected", expected);
        }
        return line;
    }

    static void write(Path file, List<?> lines) throws IOException {
        var text = new StringBuilder();
        for (Object line : lines) {
            text.append(line instanceof String raw ? raw : JSON.writeValueAsString(line)).append('\n');
        }
        Files.writeString(file, text);
    }

    static List<ObjectNode> read(Path file) throws IOException {
        List<ObjectNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add((ObjectNode) JSON.readTree(line));
        }
        return lines;
    }
}
