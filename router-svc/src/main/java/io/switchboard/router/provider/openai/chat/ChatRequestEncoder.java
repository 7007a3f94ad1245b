package io.switchboard.router.provider.openai.chat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Conversation.Message;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.UntranslatableException;
import io.vertx.core.buffer.Buffer;

/**
 * Writes a {@link Conversation} as a chat-completions request body, straight from the records with a streaming
 * generator. Reasoning from earlier turns is dropped: chat has no field to send it back in.
 */
final class ChatRequestEncoder {

    private final JsonFactory factory;

    ChatRequestEncoder(JsonFactory factory) {
        this.factory = factory;
    }

    Buffer encode(Conversation conversation, String model) {
        if (!conversation.untranslatable().isEmpty()) {
            throw new UntranslatableException(conversation.untranslatable().get(0), ChatJson.API);
        }
        return ChatJson.buffer(factory, 1024, out -> {
            out.writeStartObject();
            out.writeStringField("model", model);
            out.writeArrayFieldStart("messages");
            system(out, conversation.system());
            for (var message : conversation.messages()) {
                switch (message.role()) {
                    case USER -> user(out, message);
                    case ASSISTANT -> assistant(out, message);
                    // in place: chat takes system messages anywhere, and "system" is the role every compatible
                    // server knows (OpenAI reads it as "developer" on the models that have that role)
                    case SYSTEM -> system(out, texts(message));
                }
            }
            out.writeEndArray();
            ChatOptionsEncoder.write(out, conversation);
            out.writeEndObject();
        });
    }

    private static List<Part.Text> texts(Message message) {
        return message.parts().stream().filter(Part.Text.class::isInstance).map(Part.Text.class::cast).toList();
    }

    private static void system(JsonGenerator out, List<Part.Text> system) throws IOException {
        if (system.isEmpty()) {
            return;
        }
        out.writeStartObject();
        out.writeStringField("role", "system");
        out.writeFieldName("content");
        texts(out, system);
        out.writeEndObject();
    }

    /** Tool results go first as tool messages: chat wants them right after the assistant's calls. */
    private static void user(JsonGenerator out, Message message) throws IOException {
        var content = new ArrayList<Part>(message.parts().size());
        for (var part : message.parts()) {
            if (part instanceof Part.ToolResult result) {
                toolResult(out, result);
            } else {
                content.add(part);
            }
        }
        if (content.isEmpty() && !message.parts().isEmpty()) {
            return;
        }
        out.writeStartObject();
        out.writeStringField("role", "user");
        out.writeFieldName("content");
        if (content.isEmpty()) {
            out.writeString("");
        } else if (content.size() == 1 && content.get(0) instanceof Part.Text text) {
            out.writeString(text.text());
        } else {
            out.writeStartArray();
            for (var part : content) {
                userPart(out, part);
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }

    private static void userPart(JsonGenerator out, Part part) throws IOException {
        out.writeStartObject();
        if (part instanceof Part.Text text) {
            out.writeStringField("type", "text");
            out.writeStringField("text", text.text());
        } else if (part instanceof Part.Image image) {
            out.writeStringField("type", "image_url");
            out.writeObjectFieldStart("image_url");
            out.writeStringField("url", image.url() != null
                    ? image.url()
                    : "data:" + image.mediaType() + ";base64," + image.base64());
            out.writeEndObject();
        } else {
            throw new UntranslatableException(kind(part) + " in a user message", ChatJson.API);
        }
        out.writeEndObject();
    }

    /**
     * Tool messages carry text only, so a result with an image is refused rather than shown to the model without it.
     * Chat has no error flag either: the result's text must say so, as it usually does.
     */
    private static void toolResult(JsonGenerator out, Part.ToolResult result) throws IOException {
        var texts = new ArrayList<Part.Text>(result.content().size());
        for (var part : result.content()) {
            if (!(part instanceof Part.Text text)) {
                throw new UntranslatableException("tool result with " + kind(part), ChatJson.API);
            }
            texts.add(text);
        }
        out.writeStartObject();
        out.writeStringField("role", "tool");
        out.writeStringField("tool_call_id", result.callId());
        out.writeFieldName("content");
        texts(out, texts);
        out.writeEndObject();
    }

    private static void assistant(JsonGenerator out, Message message) throws IOException {
        var texts = new ArrayList<Part.Text>(1);
        var calls = new ArrayList<Part.ToolCall>(0);
        for (var part : message.parts()) {
            if (part instanceof Part.Text text) {
                texts.add(text);
            } else if (part instanceof Part.ToolCall call) {
                calls.add(call);
            } else if (!(part instanceof Part.Reasoning)) {
                // Reasoning is skipped: no chat field takes it back, whichever API produced it.
                throw new UntranslatableException(kind(part) + " in an assistant message", ChatJson.API);
            }
        }
        out.writeStartObject();
        out.writeStringField("role", "assistant");
        out.writeFieldName("content");
        if (!texts.isEmpty()) {
            texts(out, texts);
        } else if (calls.isEmpty()) {
            out.writeString("");
        } else {
            out.writeNull();
        }
        if (!calls.isEmpty()) {
            out.writeArrayFieldStart("tool_calls");
            for (var call : calls) {
                out.writeStartObject();
                out.writeStringField("id", call.id());
                out.writeStringField("type", "function");
                out.writeObjectFieldStart("function");
                out.writeStringField("name", call.name());
                // Servers such as vLLM parse the arguments to render their templates: never send an empty string.
                var arguments = call.arguments();
                out.writeStringField("arguments", arguments == null || arguments.isBlank() ? "{}" : arguments);
                out.writeEndObject();
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }

    /** One text is a plain string, the form every chat server accepts; several stay separate parts. */
    private static void texts(JsonGenerator out, List<Part.Text> texts) throws IOException {
        if (texts.size() == 1) {
            out.writeString(texts.get(0).text());
            return;
        }
        out.writeStartArray();
        for (var text : texts) {
            out.writeStartObject();
            out.writeStringField("type", "text");
            out.writeStringField("text", text.text());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static String kind(Part part) {
        if (part instanceof Part.Image) {
            return "an image";
        }
        if (part instanceof Part.ToolCall) {
            return "a tool call";
        }
        if (part instanceof Part.ToolResult) {
            return "a tool result";
        }
        return part instanceof Part.Reasoning ? "reasoning" : "text";
    }
}
