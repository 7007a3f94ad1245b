package io.switchboard.router.provider.anthropic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.UsageEvent;
import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.StopReason;

/** What the Messages codec's readers and writers share: names, ids, stop reasons, reasoning and tool input. */
final class MessagesWire {

    static final String ORIGIN = UsageEvent.Api.ANTHROPIC_MESSAGES;
    static final String TARGET = "the Anthropic Messages API";

    /**
     * Marks a {@link Part.Reasoning#signature()} that holds a {@code redacted_thinking} block's {@code data} rather than
     * a {@code thinking} block's signature. Both are Base64, which has no colon, so the mark cannot be mistaken.
     */
    static final String REDACTED = "redacted_thinking:";

    /** The key of a tool's one string argument when it takes free text (or when its arguments were not JSON). */
    static final String FREEFORM_INPUT = "input";
    static final String RAW_ARGUMENTS = "raw_arguments";

    private MessagesWire() {
    }

    static Part.Reasoning thinking(String text, String signature) {
        return new Part.Reasoning(text == null ? "" : text, signature == null || signature.isEmpty() ? null : signature,
                ORIGIN);
    }

    static Part.Reasoning redacted(String data) {
        return new Part.Reasoning("", REDACTED + data, ORIGIN);
    }

    /** Whether Anthropic issued this reasoning and it can go back: only then does it have a signature. */
    static boolean ours(Part.Reasoning reasoning) {
        return ORIGIN.equals(reasoning.origin()) && reasoning.signature() != null && !reasoning.signature().isEmpty();
    }

    static boolean isRedacted(Part.Reasoning reasoning) {
        return reasoning.signature() != null && reasoning.signature().startsWith(REDACTED);
    }

    /** The {@code thinking} or {@code redacted_thinking} block of reasoning Anthropic issued, else {@code null}. */
    static ObjectNode reasoningBlock(ObjectMapper json, Part.Reasoning reasoning) {
        if (!ours(reasoning)) {
            return null;
        }
        if (isRedacted(reasoning)) {
            return json.createObjectNode().put("type", "redacted_thinking")
                    .put("data", reasoning.signature().substring(REDACTED.length()));
        }
        return json.createObjectNode().put("type", "thinking").put("thinking", reasoning.text())
                .put("signature", reasoning.signature());
    }

    /**
     * A tool call id as Anthropic accepts it ({@code ^[a-zA-Z0-9_-]+$}). Valid ids pass verbatim. Another provider's id
     * that is not valid gets its other characters replaced and a hash of the whole id appended: the same id always
     * maps to the same result, so a call and its result stay paired across turns, and two ids never merge into one.
     */
    static String toolId(String id) {
        if (id != null && !id.isEmpty() && validId(id)) {
            return id;
        }
        var source = id == null ? "" : id;
        var out = new StringBuilder(source.length() + 9);
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            out.append(idChar(c) ? c : '_');
        }
        if (out.isEmpty()) {
            out.append("toolu");
        }
        var crc = new CRC32();
        crc.update(source.getBytes(StandardCharsets.UTF_8));
        return out.append('_').append(Long.toHexString(crc.getValue())).toString();
    }

    private static boolean validId(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (!idChar(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean idChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    /**
     * A tool call's {@code input} object from its arguments text. A free-form tool's text becomes its one
     * {@code input} string; empty arguments become {@code {}}. Arguments that are not a JSON object (a call cut short
     * by the token cap, say) are kept as the one string {@code raw_arguments} rather than refused: the turn is history
     * the client cannot change, and refusing it would end the conversation.
     */
    static ObjectNode toolInput(ObjectMapper json, String arguments, boolean freeform) {
        var text = arguments == null ? "" : arguments;
        if (freeform) {
            return json.createObjectNode().put(FREEFORM_INPUT, text);
        }
        if (text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode parsed = json.readTree(text);
            if (parsed != null && parsed.isObject()) {
                return (ObjectNode) parsed;
            }
        } catch (IOException e) {
            // kept as text below
        }
        return json.createObjectNode().put(RAW_ARGUMENTS, text);
    }

    static boolean freeform(Conversation request, String toolName) {
        if (request == null) {
            return false;
        }
        for (var tool : request.tools()) {
            if (tool.freeform() && tool.name().equals(toolName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code pause_turn} only follows server tools, which never translate, so it reads as an ended turn;
     * {@code model_context_window_exceeded} is a cap like {@code max_tokens}.
     */
    static StopReason stopReason(String value) {
        if (value == null) {
            return StopReason.END;
        }
        return switch (value) {
            case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
            case "tool_use" -> StopReason.TOOL_USE;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            case "refusal" -> StopReason.CONTENT_FILTER;
            default -> StopReason.END;
        };
    }

    static String stopReason(StopReason stop) {
        if (stop == null) {
            return "end_turn";
        }
        return switch (stop) {
            case END -> "end_turn";
            case MAX_TOKENS -> "max_tokens";
            case TOOL_USE -> "tool_use";
            case STOP_SEQUENCE -> "stop_sequence";
            case CONTENT_FILTER -> "refusal";
        };
    }

    /** The matched stop sequence when the request leaves no doubt which it was (it had exactly one). */
    static String stopSequence(StopReason stop, Conversation request) {
        if (stop == StopReason.STOP_SEQUENCE && request != null && request.stopSequences().size() == 1) {
            return request.stopSequences().get(0);
        }
        return null;
    }
}
