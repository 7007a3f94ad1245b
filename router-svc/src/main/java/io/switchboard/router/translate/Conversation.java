package io.switchboard.router.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A generation request in no vendor's format: what every inbound API decodes to and every upstream API encodes from
 * when the client and the provider speak different APIs. Requests between the same API never pass through it.
 *
 * @param system the system (or developer) instructions, text parts in order; empty when none
 * @param messages the turns, oldest first
 * @param tools the functions the model may call; empty when none
 * @param toolChoice how the model must use the tools; {@code null} for the provider's default
 * @param parallelToolCalls whether the model may call several tools in one turn; {@code null} for the default
 * @param maxOutputTokens the cap on generated tokens; {@code null} when the client set none
 * @param temperature {@code null} when the client set none
 * @param topP {@code null} when the client set none
 * @param stopSequences empty when none
 * @param output the shape the answer must take; {@code null} for free text
 * @param reasoning how much the model should think; {@code null} for the provider's default
 * @param stream whether the client wants server-sent events
 * @param streamUsage whether the client asked for usage in the stream (OpenAI chat's
 *        {@code stream_options.include_usage}); the other APIs always stream it
 * @param untranslatable features of the request that have no place in this model, by the name the client's API gives
 *        them (e.g. {@code "input[5].type=item_reference"}): a request with any cannot go to another API
 * @param hostedTools tools the client's vendor runs or defines itself (web search, code execution, computer use...):
 *        another API cannot run them, so a deployment either drops them or refuses the request, as its model's
 *        {@code unsupportedTools} setting says
 */
public record Conversation(
        List<Part.Text> system,
        List<Message> messages,
        List<ToolSpec> tools,
        ToolChoice toolChoice,
        Boolean parallelToolCalls,
        Integer maxOutputTokens,
        Double temperature,
        Double topP,
        List<String> stopSequences,
        OutputFormat output,
        ReasoningConfig reasoning,
        boolean stream,
        boolean streamUsage,
        List<String> untranslatable,
        List<HostedTool> hostedTools) {

    public Conversation {
        system = List.copyOf(Objects.requireNonNullElse(system, List.of()));
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        tools = List.copyOf(Objects.requireNonNullElse(tools, List.of()));
        stopSequences = List.copyOf(Objects.requireNonNullElse(stopSequences, List.of()));
        untranslatable = List.copyOf(Objects.requireNonNullElse(untranslatable, List.of()));
        hostedTools = List.copyOf(Objects.requireNonNullElse(hostedTools, List.of()));
    }

    /**
     * The system prompt, then the instructions given mid-conversation ({@link Role#SYSTEM} turns), in order: for
     * APIs that take instructions in one place only.
     */
    public List<Part.Text> instructions() {
        var texts = new ArrayList<>(system);
        for (var message : messages) {
            if (message.role() == Role.SYSTEM) {
                message.parts().stream().filter(Part.Text.class::isInstance).map(Part.Text.class::cast)
                        .forEach(texts::add);
            }
        }
        return texts;
    }

    /** A request with no hosted tools. */
    public Conversation(List<Part.Text> system, List<Message> messages, List<ToolSpec> tools, ToolChoice toolChoice,
            Boolean parallelToolCalls, Integer maxOutputTokens, Double temperature, Double topP,
            List<String> stopSequences, OutputFormat output, ReasoningConfig reasoning, boolean stream,
            boolean streamUsage, List<String> untranslatable) {
        this(system, messages, tools, toolChoice, parallelToolCalls, maxOutputTokens, temperature, topP,
                stopSequences, output, reasoning, stream, streamUsage, untranslatable, List.of());
    }

    /**
     * Who said a turn. Tool results are parts of user turns, as in Anthropic's API. {@code SYSTEM} is an instruction
     * given in the middle of the conversation (Anthropic's mid-conversation system message, a later OpenAI system or
     * developer message): text only, kept in place, as authoritative as {@link #system()} from there on.
     */
    public enum Role {
        USER, ASSISTANT, SYSTEM
    }

    /** One turn: text, images, tool calls (assistant), tool results (user), reasoning (assistant); system: text. */
    public record Message(Role role, List<Part> parts) {

        public Message {
            Objects.requireNonNull(role, "role");
            parts = List.copyOf(parts);
        }
    }

    /**
     * A function the model may call.
     *
     * @param parameters the JSON Schema of its arguments, as JSON text
     * @param freeform the tool takes free text rather than JSON arguments (OpenAI's {@code custom} tools); other APIs
     *        see it as a function whose one string argument {@code input} carries the text
     * @param namespaced the namespace and name the client gave it, when {@code name} is their flattened form; else
     *        {@code null}
     */
    public record ToolSpec(String name, String description, String parameters, boolean freeform,
            Namespaced namespaced) {

        /** A tool of no namespace. */
        public ToolSpec(String name, String description, String parameters, boolean freeform) {
            this(name, description, parameters, freeform, null);
        }
    }

    /**
     * Where a tool flattened out of an OpenAI Responses {@code namespace} came from: the client knows it by this
     * namespace and name, the model by the {@link ToolSpec#name()} it was given (see {@link ToolNames}).
     */
    public record Namespaced(String namespace, String name) {
    }

    /**
     * A tool of the client's vendor's own.
     *
     * @param feature where the request declares it, by the client's API's names ({@code tools[3].type=web_search})
     * @param type its type, as named in the {@code x-switchboard-dropped-tools} header ({@code web_search})
     */
    public record HostedTool(String feature, String type) {
    }

    /** How the model must use the tools: as it likes, not at all, some tool, or the named one. */
    public record ToolChoice(Mode mode, String name) {

        public enum Mode {
            AUTO, NONE, REQUIRED, NAMED
        }
    }

    /** The shape of the answer. */
    public sealed interface OutputFormat {

        /** Any JSON object. */
        record JsonObject() implements OutputFormat {
        }

        /**
         * JSON that validates against a schema.
         *
         * @param schema the JSON Schema, as JSON text
         */
        record JsonSchema(String name, String schema, boolean strict) implements OutputFormat {
        }
    }

    /**
     * How much the model should think before answering: an effort ({@code minimal}, {@code low}, {@code medium},
     * {@code high}) or a token budget, whichever the client's API speaks; encoders convert to their API's terms.
     * {@code enabled=false} turns thinking off where the API allows it.
     */
    public record ReasoningConfig(boolean enabled, String effort, Integer budgetTokens) {
    }
}
