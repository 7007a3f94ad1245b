package io.switchboard.router.translate;

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
 *        them (e.g. {@code "tools[2].type=web_search"}): a request with any cannot go to another API
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
        List<String> untranslatable) {

    public Conversation {
        system = List.copyOf(Objects.requireNonNullElse(system, List.of()));
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        tools = List.copyOf(Objects.requireNonNullElse(tools, List.of()));
        stopSequences = List.copyOf(Objects.requireNonNullElse(stopSequences, List.of()));
        untranslatable = List.copyOf(Objects.requireNonNullElse(untranslatable, List.of()));
    }

    /** Who said a turn. Tool results are parts of user turns, as in Anthropic's API. */
    public enum Role {
        USER, ASSISTANT
    }

    /** One turn: text, images, tool calls (assistant), tool results (user), reasoning (assistant). */
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
     */
    public record ToolSpec(String name, String description, String parameters, boolean freeform) {
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
