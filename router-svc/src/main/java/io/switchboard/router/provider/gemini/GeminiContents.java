package io.switchboard.router.provider.gemini;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.translate.Conversation.Message;
import io.switchboard.router.translate.Conversation.Role;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.UntranslatableException;

/**
 * Writes the turns of a conversation as Gemini's {@code contents}: one content per run of same-role messages (so the
 * results of parallel calls travel together), tool results named after their calls, thought signatures put back
 * where Gemini gave them. One per request.
 */
final class GeminiContents {

    /** Google's documented stand-in for the signature of a function call Gemini did not make (another model did). */
    static final String UNSIGNED = "skip_thought_signature_validator";

    private final ObjectMapper mapper;
    private final JsonGenerator out;
    private final boolean signEveryStep;
    private final Map<String, String> callNames = new HashMap<>();

    /**
     * @param signEveryStep the model rejects a step whose first function call has no signature (Gemini 3 and later)
     */
    GeminiContents(ObjectMapper mapper, JsonGenerator out, boolean signEveryStep) {
        this.mapper = mapper;
        this.out = out;
        this.signEveryStep = signEveryStep;
    }

    void write(List<Message> messages) throws IOException {
        out.writeArrayFieldStart("contents");
        int i = 0;
        while (i < messages.size()) {
            var role = messages.get(i).role();
            var parts = new ArrayList<Part>();
            while (i < messages.size() && messages.get(i).role() == role) {
                parts.addAll(messages.get(i++).parts());
            }
            writeContent(role, parts);
        }
        out.writeEndArray();
    }

    private void writeContent(Role role, List<Part> parts) throws IOException {
        var textSignatures = role == Role.ASSISTANT ? textSignatures(parts) : null;
        var open = false;
        var calls = 0;
        List<Part.Image> resultImages = null;
        for (int k = 0; k < parts.size(); k++) {
            var part = parts.get(k);
            if (part instanceof Part.Text text) {
                if (!isEmpty(text.text())) {
                    open = begin(open, role);
                    writeText(text.text(), false, textSignatures == null ? null : textSignatures[k]);
                }
            } else if (part instanceof Part.Image image) {
                open = begin(open, role);
                GeminiImages.write(out, image);
            } else if (part instanceof Part.ToolCall call) {
                open = begin(open, role);
                writeCall(call, calls++ == 0);
            } else if (part instanceof Part.ToolResult result) {
                open = begin(open, role);
                writeResult(result);
                for (var piece : result.content()) {
                    if (piece instanceof Part.Image image) {
                        resultImages = resultImages == null ? new ArrayList<>() : resultImages;
                        resultImages.add(image);
                    }
                }
            } else if (part instanceof Part.Reasoning reasoning && role == Role.ASSISTANT && isGemini(reasoning)
                    && !isEmpty(reasoning.text())) {
                open = begin(open, role);
                writeText(reasoning.text(), true, reasoning.signature());
            }
        }
        // functionResponse holds no images before Gemini 3, so a result's images follow the results as user parts
        if (resultImages != null) {
            for (var image : resultImages) {
                GeminiImages.write(out, image);
            }
        }
        if (open) {
            out.writeEndArray();
            out.writeEndObject();
        }
    }

    private boolean begin(boolean open, Role role) throws IOException {
        if (!open) {
            out.writeStartObject();
            out.writeStringField("role", role == Role.USER ? "user" : "model");
            out.writeArrayFieldStart("parts");
        }
        return true;
    }

    private void writeText(String text, boolean thought, String signature) throws IOException {
        out.writeStartObject();
        out.writeStringField("text", text);
        if (thought) {
            out.writeBooleanField("thought", true);
        }
        if (!isEmpty(signature)) {
            out.writeStringField("thoughtSignature", signature);
        }
        out.writeEndObject();
    }

    private void writeCall(Part.ToolCall call, boolean firstOfStep) throws IOException {
        var id = GeminiCallIds.read(call.id());
        if (call.id() != null) {
            callNames.put(call.id(), call.name());
        }
        out.writeStartObject();
        out.writeObjectFieldStart("functionCall");
        if (id.key() != null) {
            out.writeStringField("id", id.key());
        }
        out.writeStringField("name", call.name());
        out.writeFieldName("args");
        writeArguments(call.arguments());
        out.writeEndObject();
        // Gemini signs only the first call of a step (parallel calls share it)
        var signature = id.signature() == null && firstOfStep && signEveryStep ? UNSIGNED : id.signature();
        if (signature != null) {
            out.writeStringField("thoughtSignature", signature);
        }
        out.writeEndObject();
    }

    /** {@code args} must be an object: arguments that are not one (free-form input, broken JSON) go as {@code input}. */
    private void writeArguments(String arguments) throws IOException {
        JsonNode args = null;
        if (arguments != null && !arguments.isBlank()) {
            try {
                args = mapper.readTree(arguments);
            } catch (JsonProcessingException notJson) {
                args = null;
            }
            if (args == null || !args.isObject()) {
                out.writeStartObject();
                out.writeStringField("input", arguments);
                out.writeEndObject();
                return;
            }
        }
        if (args == null) {
            out.writeStartObject();
            out.writeEndObject();
        } else {
            out.writeTree(args);
        }
    }

    private void writeResult(Part.ToolResult result) throws IOException {
        var name = callNames.get(result.callId());
        if (name == null) {
            throw new UntranslatableException("a tool result for call '" + abbreviate(result.callId())
                    + "' with no such call earlier in the conversation", GeminiRequestEncoder.TARGET);
        }
        var key = GeminiCallIds.key(result.callId());
        out.writeStartObject();
        out.writeObjectFieldStart("functionResponse");
        out.writeStringField("id", key);
        out.writeStringField("name", name);
        out.writeObjectFieldStart("response");
        out.writeStringField(result.error() ? "error" : "output", text(result.content()));
        out.writeEndObject();
        out.writeEndObject();
        out.writeEndObject();
    }

    /**
     * Where an empty Gemini reasoning part carries the signature of a text part (Gemini signs some text parts): the
     * text right after it, else the one right before (a stream's signature comes after the text it signs).
     */
    private static String[] textSignatures(List<Part> parts) {
        String[] signatures = null;
        for (int k = 0; k < parts.size(); k++) {
            if (parts.get(k) instanceof Part.Reasoning r && isGemini(r) && isEmpty(r.text())
                    && !isEmpty(r.signature())) {
                signatures = signatures == null ? new String[parts.size()] : signatures;
                int target = isFreeText(parts, signatures, k + 1)
                        ? k + 1
                        : isFreeText(parts, signatures, k - 1) ? k - 1 : -1;
                if (target >= 0) {
                    signatures[target] = r.signature();
                }
            }
        }
        return signatures;
    }

    private static boolean isFreeText(List<Part> parts, String[] signatures, int k) {
        return k >= 0 && k < parts.size() && signatures[k] == null && parts.get(k) instanceof Part.Text t
                && !isEmpty(t.text());
    }

    private static String text(List<Part> content) {
        if (content.size() == 1 && content.get(0) instanceof Part.Text only) {
            return only.text() == null ? "" : only.text();
        }
        var joined = new StringBuilder();
        for (var piece : content) {
            if (piece instanceof Part.Text t && !isEmpty(t.text())) {
                joined.append(joined.length() == 0 ? "" : "\n").append(t.text());
            }
        }
        return joined.toString();
    }

    static boolean isGemini(Part.Reasoning reasoning) {
        return GeminiReplyParts.ORIGIN.equals(reasoning.origin());
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String abbreviate(String id) {
        return id == null ? "null" : id.length() <= 40 ? id : id.substring(0, 40) + "…";
    }
}
