package io.switchboard.router.provider.openai;

import io.switchboard.router.translate.Conversation.ReasoningConfig;

/** OpenAI's reasoning effort for a conversation's reasoning settings: the same in Chat Completions and Responses. */
public final class ReasoningEffort {

    /** Thinking budgets up to these many tokens map to low and medium effort; larger ones to high. */
    static final int LOW_BUDGET = 4096;
    static final int MEDIUM_BUDGET = 16384;

    private ReasoningEffort() {
    }

    /**
     * An effort passes as named. A budget maps to the effort that spends about as much. Thinking switched off with no
     * effort named is left to the model's default: {@code none} exists only on recent models and others refuse it.
     */
    public static String of(ReasoningConfig reasoning) {
        if (reasoning == null) {
            return null;
        }
        if (reasoning.effort() != null) {
            return reasoning.effort();
        }
        if (!reasoning.enabled() || reasoning.budgetTokens() == null) {
            return null;
        }
        int budget = reasoning.budgetTokens();
        return budget <= LOW_BUDGET ? "low" : budget <= MEDIUM_BUDGET ? "medium" : "high";
    }
}
