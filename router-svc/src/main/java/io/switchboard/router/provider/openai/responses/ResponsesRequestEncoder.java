package io.switchboard.router.provider.openai.responses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.provider.openai.ReasoningEffort;
import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Conversation.Message;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.UntranslatableException;
import io.vertx.core.buffer.Buffer;

/**
 * Writes a {@link Conversation} as a Responses request. The router keeps no state upstream, so the request is always
 * {@code store: false}, carries the whole history, and never names an item id (with {@code store: false} an id makes
 * OpenAI look the item up, and fail).
 */
final class ResponsesRequestEncoder {

    private static final String INCLUDE_REASONING = "reasoning.encrypted_content";

    private final ObjectMapper json;

    ResponsesRequestEncoder(ObjectMapper json) {
        this.json = json;
    }

    Buffer encode(Conversation conversation, String model) {
        if (!conversation.untranslatable().isEmpty()) {
            throw new UntranslatableException(conversation.untranslatable().get(0), ResponsesWire.TARGET);
        }
        if (!conversation.stopSequences().isEmpty()) {
            throw new UntranslatableException("stop", ResponsesWire.TARGET);
        }
        var out = new ByteArrayBuilder(4096);
        try (var g = json.getFactory().createGenerator(out)) {
            new Writing(g, conversation).body(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(out.toByteArray());
    }

    /** One request being written; knows which tools are free-form to write their calls and results in kind. */
    private final class Writing {

        private final JsonGenerator g;
        private final Conversation conversation;
        private final Set<String> freeformTools = new HashSet<>();
        private final Set<String> freeformCalls = new HashSet<>();
        private boolean sendsReasoning;

        Writing(JsonGenerator g, Conversation conversation) {
            this.g = g;
            this.conversation = conversation;
            for (var tool : conversation.tools()) {
                if (tool.freeform()) {
                    freeformTools.add(tool.name());
                }
            }
        }

        void body(String model) throws IOException {
            g.writeStartObject();
            g.writeStringField("model", model);
            var system = conversation.system();
            if (!system.isEmpty()) {
                g.writeStringField("instructions", system.get(0).text());
            }
            g.writeArrayFieldStart("input");
            // further system parts stay separate, as developer messages, so that decoding gives them back as they were
            for (int i = 1; i < system.size(); i++) {
                writeMessage("developer", List.of(system.get(i)));
            }
            for (var message : conversation.messages()) {
                items(message);
            }
            g.writeEndArray();
            if (!conversation.tools().isEmpty()) {
                g.writeArrayFieldStart("tools");
                for (var tool : conversation.tools()) {
                    ResponsesSettings.writeTool(g, tool);
                }
                g.writeEndArray();
            }
            if (conversation.toolChoice() != null) {
                ResponsesSettings.writeToolChoice(g, conversation.toolChoice(), freeformTools);
            }
            if (conversation.parallelToolCalls() != null) {
                g.writeBooleanField("parallel_tool_calls", conversation.parallelToolCalls());
            }
            if (conversation.maxOutputTokens() != null) {
                g.writeNumberField("max_output_tokens", conversation.maxOutputTokens());
            }
            if (conversation.temperature() != null) {
                g.writeNumberField("temperature", conversation.temperature());
            }
            if (conversation.topP() != null) {
                g.writeNumberField("top_p", conversation.topP());
            }
            if (conversation.output() != null) {
                g.writeObjectFieldStart("text");
                ResponsesSettings.writeFormat(g, conversation.output());
                g.writeEndObject();
            }
            var effort = ReasoningEffort.of(conversation.reasoning());
            if (effort != null) {
                g.writeObjectFieldStart("reasoning");
                g.writeStringField("effort", effort);
                g.writeEndObject();
            }
            // without it a stateless request gets reasoning it can never send back; only asked for when reasoning is
            // in play, since models that do not reason refuse it
            if (sendsReasoning || (effort != null && conversation.reasoning().enabled())) {
                g.writeArrayFieldStart("include");
                g.writeString(INCLUDE_REASONING);
                g.writeEndArray();
            }
            g.writeBooleanField("store", false);
            g.writeBooleanField("stream", conversation.stream());
            g.writeEndObject();
        }

        private void items(Message message) throws IOException {
            // developer, as the further system texts above: OpenAI reads API system messages as developer ones
            var role = switch (message.role()) {
                case USER -> "user";
                case ASSISTANT -> "assistant";
                case SYSTEM -> "developer";
            };
            var content = new ArrayList<Part>();
            for (var part : message.parts()) {
                if (part instanceof Part.Text || part instanceof Part.Image) {
                    content.add(part);
                    continue;
                }
                if (!content.isEmpty()) {
                    writeMessage(role, content);
                    content.clear();
                }
                if (part instanceof Part.ToolCall call) {
                    writeCall(call);
                } else if (part instanceof Part.ToolResult result) {
                    writeResult(result);
                } else if (part instanceof Part.Reasoning reasoning) {
                    writeReasoning(reasoning);
                }
            }
            if (!content.isEmpty()) {
                writeMessage(role, content);
            }
        }

        private void writeMessage(String role, List<? extends Part> content) throws IOException {
            g.writeStartObject();
            g.writeStringField("type", "message");
            g.writeStringField("role", role);
            g.writeArrayFieldStart("content");
            for (var part : content) {
                if (part instanceof Part.Text text) {
                    g.writeStartObject();
                    g.writeStringField("type", role.equals("assistant") ? "output_text" : "input_text");
                    g.writeStringField("text", text.text());
                    g.writeEndObject();
                } else if (part instanceof Part.Image image) {
                    if (role.equals("assistant")) {
                        throw new UntranslatableException("an image in an assistant turn", ResponsesWire.TARGET);
                    }
                    writeImage(image);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }

        private void writeImage(Part.Image image) throws IOException {
            g.writeStartObject();
            g.writeStringField("type", "input_image");
            g.writeStringField("image_url", image.url() != null
                    ? image.url()
                    : "data:" + (image.mediaType() != null ? image.mediaType() : "image/png") + ";base64,"
                            + image.base64());
            g.writeEndObject();
        }

        private void writeCall(Part.ToolCall call) throws IOException {
            g.writeStartObject();
            if (freeformTools.contains(call.name())) {
                freeformCalls.add(call.id());
                g.writeStringField("type", "custom_tool_call");
                g.writeStringField("call_id", call.id());
                g.writeStringField("name", call.name());
                g.writeStringField("input", ResponsesFreeform.input(call.arguments(), json));
            } else {
                g.writeStringField("type", "function_call");
                g.writeStringField("call_id", call.id());
                g.writeStringField("name", call.name());
                g.writeStringField("arguments", call.arguments());
            }
            g.writeEndObject();
        }

        /** The Responses API has no error flag on a result: the text says so, as tools write it anyway. */
        private void writeResult(Part.ToolResult result) throws IOException {
            g.writeStartObject();
            g.writeStringField("type", freeformCalls.contains(result.callId())
                    ? "custom_tool_call_output"
                    : "function_call_output");
            g.writeStringField("call_id", result.callId());
            boolean textOnly = result.content().stream().allMatch(Part.Text.class::isInstance);
            if (textOnly) {
                var text = new StringBuilder();
                for (var part : result.content()) {
                    text.append(((Part.Text) part).text());
                }
                g.writeStringField("output", text.toString());
            } else {
                g.writeArrayFieldStart("output");
                for (var part : result.content()) {
                    if (part instanceof Part.Text text) {
                        g.writeStartObject();
                        g.writeStringField("type", "input_text");
                        g.writeStringField("text", text.text());
                        g.writeEndObject();
                    } else if (part instanceof Part.Image image) {
                        writeImage(image);
                    }
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }

        /**
         * Only OpenAI's own reasoning goes back to it, and only encrypted: reasoning of other vendors means nothing
         * here, and a stateless request can only carry reasoning as its encrypted content.
         */
        private void writeReasoning(Part.Reasoning reasoning) throws IOException {
            if (ResponsesWire.isOwn(reasoning) && reasoning.signature() != null) {
                sendsReasoning = true;
                ResponsesItems.writeReasoning(g, null, reasoning.text(), reasoning.signature());
            }
        }
    }
}
