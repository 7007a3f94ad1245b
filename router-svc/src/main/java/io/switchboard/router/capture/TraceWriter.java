package io.switchboard.router.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.switchboard.events.Trace;
import io.switchboard.router.adapters.Codecs;
import io.switchboard.router.provider.WireApi;
import io.switchboard.router.routing.CaptureRule;
import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.PlainText;

/**
 * Turns a sampled exchange into its {@link Trace}, redacted: every string of the request and of the answer (keys of
 * JSON objects and other values are kept), and the plain turns and answer text read from them with the client's codec.
 * On the outbox's writer thread, never on a request's.
 */
final class TraceWriter {

    private static final Map<Conversation.Role, String> ROLES = Map.of(Conversation.Role.SYSTEM, "system",
            Conversation.Role.USER, "user", Conversation.Role.ASSISTANT, "assistant");

    private final Codecs codecs;
    private final ObjectMapper json;

    TraceWriter(Codecs codecs, ObjectMapper json) {
        this.codecs = codecs;
        this.json = json;
    }

    Trace trace(TraceCapture.Captured captured) {
        var rule = captured.rule();
        var request = captured.request();
        var event = captured.event();
        var api = request.api();
        var whole = captured.answer().whole();
        String answerText;
        JsonNode answer = null;
        if (whole == null) {
            answerText = captured.answer().streamedText();
        } else {
            var bytes = whole.getBytes();
            answer = redacted(read(bytes), rule);
            answerText = answerText(api, bytes);
        }
        return new Trace(UUID.randomUUID(), event.time(), Trace.SCHEMA_VERSION, event.requestId(), rule.workload(),
                event.api(), captured.route().name(), event.modelServed(), event.provider(), servedBy(captured),
                event.streaming(), event.tokens(), event.latencyMillis(), event.time().plus(rule.retention()),
                redacted(read(request.body()), rule), answer, turns(api, request.body(), rule),
                rule.redact(answerText));
    }

    /**
     * The answer's text; empty when the client's codec cannot read it, so that the trace keeps the answer as it was
     * (a dataset reader then leaves it out for want of text).
     */
    private String answerText(WireApi api, byte[] answer) {
        try {
            return PlainText.of(codecs.upstream(api).decodeReply(answer).content());
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Who answered: the promoted student, a deployment of the model asked for (the teacher), or another model. */
    private static String servedBy(TraceCapture.Captured captured) {
        var event = captured.event();
        if (captured.student() != null && captured.student().provider().equals(event.provider())) {
            return Trace.STUDENT;
        }
        for (var deployment : captured.route().deployments()) {
            if (deployment.provider().equals(event.provider()) && deployment.model().equals(event.modelServed())) {
                return Trace.TEACHER;
            }
        }
        return Trace.FALLBACK;
    }

    private JsonNode read(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("a captured body is not JSON", e);
        }
    }

    /** The node with every string in it redacted, in place. */
    private static JsonNode redacted(JsonNode node, CaptureRule rule) {
        if (node instanceof ObjectNode object) {
            for (var field : object.properties()) {
                field.setValue(redacted(field.getValue(), rule));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, redacted(array.get(i), rule));
            }
        } else if (node.isTextual()) {
            return TextNode.valueOf(rule.redact(node.textValue()));
        }
        return node;
    }

    /**
     * System instructions first, then each turn as text: its text parts, its tool calls and tool results. None when the
     * client's codec cannot read the request (the router passed it through as it came): the trace keeps it as sent.
     */
    private List<Trace.Turn> turns(WireApi api, byte[] body, CaptureRule rule) {
        Conversation conversation;
        try {
            conversation = codecs.client(api).decodeRequest(body);
        } catch (RuntimeException e) {
            return List.of();
        }
        var turns = new ArrayList<Trace.Turn>();
        if (!conversation.system().isEmpty()) {
            turns.add(new Trace.Turn("system", rule.redact(PlainText.of(conversation.system()))));
        }
        for (var message : conversation.messages()) {
            boolean toolResults = !message.parts().isEmpty()
                    && message.parts().stream().allMatch(part -> part instanceof Part.ToolResult);
            var role = toolResults ? "tool" : ROLES.get(message.role());
            turns.add(new Trace.Turn(role, rule.redact(PlainText.of(message.parts()))));
        }
        return turns;
    }
}
