package io.switchboard.router.provider.anthropic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Conversation.Role;
import io.switchboard.router.translate.Conversation.ToolChoice;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.UntranslatableException;
import io.vertx.core.buffer.Buffer;

/** Writes a {@link Conversation} as a Messages request body. */
final class MessagesRequestEncoder {

    private final ObjectMapper json;

    MessagesRequestEncoder(ObjectMapper json) {
        this.json = json;
    }

    Buffer encode(Conversation conversation, String model) {
        var body = json.createObjectNode().put("model", model);
        var plan = MessagesReasoning.plan(json, conversation);
        body.put("max_tokens", plan.maxTokens());
        // Mid-conversation instructions join the system prompt: only Claude Opus 4.8 and later accept system turns in
        // messages, and the router cannot tell which Claude a deployment serves. (Anthropic clients' own system turns
        // go through in place: pass-through.)
        var system = body.putArray("system");
        for (var text : conversation.instructions()) {
            if (!text.text().isEmpty()) {
                system.addObject().put("type", "text").put("text", text.text());
            }
        }
        if (system.isEmpty()) {
            body.remove("system");
        }
        body.set("messages", messages(conversation));
        tools(conversation, body);
        if (plan.thinking() != null) {
            body.set("thinking", plan.thinking());
        }
        sampling(conversation, plan, body);
        if (!conversation.stopSequences().isEmpty()) {
            var stops = body.putArray("stop_sequences");
            conversation.stopSequences().forEach(stops::add);
        }
        output(conversation.output(), body);
        if (conversation.stream()) {
            body.put("stream", true);
        }
        try {
            return Buffer.buffer(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("a tree of strings and numbers always writes", e);
        }
    }

    /**
     * Anthropic's temperature runs to 1 where others' run to 2: higher values are capped at 1. With thinking on it
     * accepts neither a changed temperature nor a top_p under 0.95, so those are dropped rather than the thinking.
     */
    private static void sampling(Conversation conversation, MessagesReasoning.Plan plan, ObjectNode body) {
        var temperature = conversation.temperature();
        if (temperature != null && !plan.dropSampling()) {
            body.put("temperature", Math.max(0, Math.min(1.0, temperature)));
        }
        var topP = conversation.topP();
        if (topP != null && (!plan.dropSampling() || topP >= 0.95)) {
            body.put("top_p", topP);
        }
    }

    /**
     * Anthropic has structured outputs for a JSON Schema ({@code output_config.format}), always enforced; it has no
     * "any JSON object" mode, and a schema of a bare object would forbid every property, so that one is refused.
     */
    private void output(Conversation.OutputFormat output, ObjectNode body) {
        if (output == null) {
            return;
        }
        if (output instanceof Conversation.OutputFormat.JsonSchema schema) {
            body.putObject("output_config").putObject("format").put("type", "json_schema")
                    .set("schema", parse(schema.schema()));
            return;
        }
        throw new UntranslatableException("response_format=json_object", MessagesWire.TARGET);
    }

    private void tools(Conversation conversation, ObjectNode body) {
        if (conversation.tools().isEmpty()) {
            return;
        }
        var tools = body.putArray("tools");
        for (var tool : conversation.tools()) {
            var out = tools.addObject().put("name", tool.name());
            if (tool.description() != null && !tool.description().isEmpty()) {
                out.put("description", tool.description());
            }
            if (tool.freeform()) {
                var schema = out.putObject("input_schema").put("type", "object");
                schema.putObject("properties").putObject(MessagesWire.FREEFORM_INPUT).put("type", "string");
                schema.putArray("required").add(MessagesWire.FREEFORM_INPUT);
            } else if (tool.parameters() == null || tool.parameters().isBlank()) {
                out.putObject("input_schema").put("type", "object").putObject("properties");
            } else {
                // JSON text by the model's contract, most of a coding agent's request: copied, not parsed again.
                out.putRawValue("input_schema", new RawValue(tool.parameters()));
            }
        }
        var choice = toolChoice(conversation.toolChoice(), conversation.parallelToolCalls());
        if (choice != null) {
            body.set("tool_choice", choice);
        }
    }

    private ObjectNode toolChoice(ToolChoice choice, Boolean parallel) {
        var mode = choice == null ? null : choice.mode();
        boolean single = Boolean.FALSE.equals(parallel);
        if (mode == null && !single) {
            return null;
        }
        var out = json.createObjectNode();
        switch (mode == null ? ToolChoice.Mode.AUTO : mode) {
            case AUTO -> out.put("type", "auto");
            case REQUIRED -> out.put("type", "any");
            case NAMED -> out.put("type", "tool").put("name", choice.name());
            case NONE -> {
                // "none" takes no parallel flag: no tool call at all is fewer than one.
                return out.put("type", "none");
            }
        }
        if (single) {
            out.put("disable_parallel_tool_use", true);
        }
        return out;
    }

    /**
     * Turns in Anthropic's order: strictly alternating roles (consecutive turns of one role are merged), each tool
     * result first in its user turn as Anthropic requires, empty text left out (Anthropic refuses it). System turns
     * are in {@code system} already.
     */
    private ArrayNode messages(Conversation conversation) {
        var out = json.createArrayNode();
        Role role = null;
        ArrayNode content = null;
        var results = new ArrayList<ObjectNode>();
        var others = new ArrayList<ObjectNode>();
        for (var message : conversation.messages()) {
            if (message.role() == Role.SYSTEM) {
                continue;
            }
            var blocks = new ArrayList<ObjectNode>(message.parts().size());
            var resultBlocks = new ArrayList<ObjectNode>(0);
            for (var part : message.parts()) {
                var block = block(part, conversation);
                if (block != null) {
                    (part instanceof Part.ToolResult ? resultBlocks : blocks).add(block);
                }
            }
            if (blocks.isEmpty() && resultBlocks.isEmpty()) {
                continue;
            }
            if (message.role() != role) {
                flush(content, results, others);
                role = message.role();
                content = out.addObject().put("role", role == Role.USER ? "user" : "assistant").putArray("content");
            }
            results.addAll(resultBlocks);
            others.addAll(blocks);
        }
        flush(content, results, others);
        return out;
    }

    private static void flush(ArrayNode content, List<ObjectNode> results, List<ObjectNode> others) {
        if (content != null) {
            content.addAll(results);
            content.addAll(others);
        }
        results.clear();
        others.clear();
    }

    private ObjectNode block(Part part, Conversation conversation) {
        if (part instanceof Part.Text text) {
            return text.text().isEmpty() ? null : json.createObjectNode().put("type", "text").put("text", text.text());
        }
        if (part instanceof Part.Image image) {
            return MessagesImages.block(json, image);
        }
        if (part instanceof Part.ToolCall call) {
            var out = json.createObjectNode().put("type", "tool_use").put("id", MessagesWire.toolId(call.id()))
                    .put("name", call.name());
            out.set("input", MessagesWire.toolInput(json, call.arguments(),
                    MessagesWire.freeform(conversation, call.name())));
            return out;
        }
        if (part instanceof Part.ToolResult result) {
            return toolResult(result);
        }
        return MessagesWire.reasoningBlock(json, (Part.Reasoning) part);
    }

    private ObjectNode toolResult(Part.ToolResult result) {
        var out = json.createObjectNode().put("type", "tool_result")
                .put("tool_use_id", MessagesWire.toolId(result.callId()));
        var blocks = json.createArrayNode();
        for (var part : result.content()) {
            if (part instanceof Part.Text text && !text.text().isEmpty()) {
                blocks.addObject().put("type", "text").put("text", text.text());
            } else if (part instanceof Part.Image image) {
                blocks.add(MessagesImages.block(json, image));
            }
        }
        if (blocks.size() == 1 && "text".equals(blocks.get(0).path("type").asText())) {
            out.put("content", blocks.get(0).get("text").asText());
        } else if (!blocks.isEmpty()) {
            out.set("content", blocks);
        }
        if (result.error()) {
            out.put("is_error", true);
        }
        return out;
    }

    private com.fasterxml.jackson.databind.JsonNode parse(String schema) {
        try {
            return json.readTree(schema);
        } catch (IOException e) {
            throw new UntranslatableException("a JSON Schema that is not JSON", MessagesWire.TARGET);
        }
    }
}
