package io.switchboard.router.provider.gemini;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonGenerator;

import io.switchboard.router.translate.Conversation.ReasoningConfig;

/**
 * Turns a reasoning request into Gemini's {@code thinkingConfig}. A token budget serves every thinking model (Gemini 3
 * still takes {@code thinkingBudget}, while {@code thinkingLevel} values differ between its Pro and Flash), so efforts
 * become budgets:
 *
 * <pre>
 * none           off (0; 128 on Pro models, which cannot stop thinking)
 * minimal        512   (the lowest budget every 2.5 model accepts)
 * low            2048
 * medium         8192
 * high           24576 (Flash's ceiling; 32768 on Pro)
 * other / unset  -1    (Gemini decides)
 * </pre>
 *
 * An explicit budget is capped at the ceiling. Thoughts are asked for ({@code includeThoughts}) whenever thinking is
 * on, so they reach the client as reasoning.
 */
final class GeminiThinking {

    private static final int FLASH_CEILING = 24576;
    private static final int PRO_CEILING = 32768;
    private static final int PRO_FLOOR = 128;

    private GeminiThinking() {
    }

    static void write(JsonGenerator out, ReasoningConfig reasoning, String model) throws IOException {
        out.writeObjectFieldStart("thinkingConfig");
        out.writeNumberField("thinkingBudget", budget(reasoning, model));
        if (!isOff(reasoning)) {
            out.writeBooleanField("includeThoughts", true);
        }
        out.writeEndObject();
    }

    static int budget(ReasoningConfig reasoning, String model) {
        if (isOff(reasoning)) {
            return isPro(model) ? PRO_FLOOR : 0;
        }
        int ceiling = isPro(model) ? PRO_CEILING : FLASH_CEILING;
        if (reasoning.budgetTokens() != null) {
            return Math.min(reasoning.budgetTokens(), ceiling);
        }
        var effort = reasoning.effort() == null ? "" : reasoning.effort().toLowerCase(Locale.ROOT);
        return switch (effort) {
            case "minimal" -> 512;
            case "low" -> 2048;
            case "medium" -> 8192;
            case "high", "xhigh", "max" -> ceiling;
            default -> -1;
        };
    }

    /**
     * Whether the model rejects a step of function calls whose first call carries no thought signature: Gemini 3 and
     * later do, so calls another model made get Google's stand-in signature there.
     */
    static boolean enforcesSignatures(String model) {
        var name = normalise(model);
        return name.startsWith("gemini-") && !name.startsWith("gemini-1") && !name.startsWith("gemini-2");
    }

    private static boolean isOff(ReasoningConfig reasoning) {
        return !reasoning.enabled() || "none".equalsIgnoreCase(reasoning.effort())
                || reasoning.budgetTokens() != null && reasoning.budgetTokens() <= 0;
    }

    private static boolean isPro(String model) {
        return normalise(model).contains("-pro");
    }

    private static String normalise(String model) {
        var name = model == null ? "" : model.toLowerCase(Locale.ROOT);
        return name.startsWith("models/") ? name.substring(7) : name;
    }
}
