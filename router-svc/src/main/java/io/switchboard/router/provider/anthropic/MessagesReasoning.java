package io.switchboard.router.provider.anthropic;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Conversation.ReasoningConfig;
import io.switchboard.router.translate.Conversation.ToolChoice;
import io.switchboard.router.translate.InvalidRequestException;
import io.switchboard.router.translate.Part;

/**
 * Extended thinking both ways, and the output token cap that goes with it (Anthropic requires one, and counts the
 * thinking budget in it).
 */
final class MessagesReasoning {

    /** The cap when the client set none: every Claude model since 3.5 can write this much. */
    static final int DEFAULT_MAX_TOKENS = 8192;
    /** With thinking and no cap from the client: room for the budget plus an answer, within every Claude 4 model. */
    static final int THINKING_MAX_TOKENS = 32_000;
    static final int MIN_BUDGET = 1024;

    private MessagesReasoning() {
    }

    /**
     * {@code thinking} and {@code output_config.effort} as a {@link ReasoningConfig}. Adaptive thinking has no budget:
     * the effort, if any, says how hard to think. Anthropic's {@code xhigh} and {@code max} efforts read as
     * {@code high}, the highest effort the model names. {@code display} only hides the thinking text and is dropped.
     */
    static ReasoningConfig read(JsonNode thinking, JsonNode outputConfig) {
        var effort = effort(outputConfig);
        if (thinking == null) {
            return effort == null ? null : new ReasoningConfig(true, effort, null);
        }
        var type = thinking.path("type").asText("");
        return switch (type) {
            case "disabled" -> new ReasoningConfig(false, null, null);
            case "adaptive" -> new ReasoningConfig(true, effort, null);
            case "enabled" -> {
                var budget = thinking.get("budget_tokens");
                if (budget == null || !budget.canConvertToInt() || !budget.isIntegralNumber()) {
                    throw InvalidRequestException.badRequest("thinking.enabled.budget_tokens",
                            "thinking.enabled.budget_tokens: Field required");
                }
                yield new ReasoningConfig(true, effort, budget.intValue());
            }
            default -> throw InvalidRequestException.badRequest("thinking.type", "thinking: Input tag '" + type
                    + "' does not match any of the expected tags: 'enabled', 'disabled', 'adaptive'");
        };
    }

    private static String effort(JsonNode outputConfig) {
        var effort = outputConfig == null ? null : outputConfig.get("effort");
        if (effort == null || effort.isNull()) {
            return null;
        }
        return switch (effort.asText()) {
            case "xhigh", "max" -> "high";
            default -> effort.asText();
        };
    }

    /**
     * The cap and the {@code thinking} object (or none) for a request.
     *
     * @param dropSampling thinking is on, and Anthropic then refuses a changed temperature (or top_p under 0.95)
     */
    record Plan(int maxTokens, ObjectNode thinking, boolean dropSampling) {
    }

    /**
     * Thinking is sent as {@code enabled} with a budget, which every thinking Claude model accepts ({@code adaptive}
     * and {@code effort} only the newest). An effort converts to a budget: minimal 1024, low 2048, medium (or none
     * given) 8192, high 16384, xhigh and max 24576. The budget must be at least 1024 and below the cap: one the cap
     * cannot hold is halved to fit, and with a cap under 2048 thinking is left off. Thinking is also left off where
     * Anthropic would refuse it: with a forced tool choice (the client's requirement outweighs a thinking hint), and
     * in a tool loop whose assistant turn came from another provider without Anthropic's signed thinking.
     */
    static Plan plan(ObjectMapper json, Conversation conversation) {
        var reasoning = conversation.reasoning();
        Integer cap = conversation.maxOutputTokens();
        int fallbackCap = cap != null ? cap : DEFAULT_MAX_TOKENS;
        if (reasoning == null) {
            return new Plan(fallbackCap, null, false);
        }
        if (!reasoning.enabled() || "none".equals(reasoning.effort())) {
            return new Plan(fallbackCap, json.createObjectNode().put("type", "disabled"), false);
        }
        if (forcedTool(conversation.toolChoice()) || toolLoopWithoutThinking(conversation.messages())) {
            return new Plan(fallbackCap, null, false);
        }
        int budget = Math.max(MIN_BUDGET,
                reasoning.budgetTokens() != null ? reasoning.budgetTokens() : budget(reasoning.effort()));
        int maxTokens = cap != null ? cap : Math.min(budget + DEFAULT_MAX_TOKENS, THINKING_MAX_TOKENS);
        if (budget >= maxTokens) {
            budget = maxTokens / 2;
        }
        if (budget < MIN_BUDGET) {
            return new Plan(maxTokens, null, false);
        }
        return new Plan(maxTokens, json.createObjectNode().put("type", "enabled").put("budget_tokens", budget), true);
    }

    static int budget(String effort) {
        if (effort == null) {
            return 8192;
        }
        return switch (effort) {
            case "minimal" -> 1024;
            case "low" -> 2048;
            case "high" -> 16_384;
            case "xhigh", "max" -> 24_576;
            default -> 8192;
        };
    }

    private static boolean forcedTool(ToolChoice choice) {
        return choice != null && (choice.mode() == ToolChoice.Mode.REQUIRED || choice.mode() == ToolChoice.Mode.NAMED);
    }

    /**
     * With thinking on, Anthropic requires the assistant turn of an unfinished tool loop to open with its signed
     * thinking block; a turn another provider served has none.
     */
    private static boolean toolLoopWithoutThinking(List<Conversation.Message> messages) {
        var turns = messages.stream().filter(m -> m.role() != Conversation.Role.SYSTEM).toList();
        if (turns.isEmpty()) {
            return false;
        }
        var last = turns.get(turns.size() - 1);
        if (last.role() != Conversation.Role.USER
                || last.parts().stream().noneMatch(Part.ToolResult.class::isInstance)) {
            return false;
        }
        for (int i = turns.size() - 2; i >= 0; i--) {
            var message = turns.get(i);
            if (message.role() == Conversation.Role.ASSISTANT) {
                return message.parts().isEmpty()
                        || !(message.parts().get(0) instanceof Part.Reasoning r && MessagesWire.ours(r));
            }
        }
        return false;
    }
}
