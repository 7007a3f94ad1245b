package io.switchboard.metering.aggregate;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.events.UsageEvent;

/**
 * Running totals of one bucket: exact counts and integer micro-USD. {@code errors} counts requests whose outcome was
 * not OK; {@code latencyMillis} is a sum, for averages. Token kinds as in {@link io.switchboard.events.Tokens}:
 * cached input and cache writes are parts of input, reasoning is part of output. {@code teacherCostMicros} sums what
 * the requests promoted students served would have cost on the teacher ({@link UsageEvent#teacherCostMicros()}).
 * {@code shadowRequests} and {@code shadowCostMicros} count the teacher's answers a shadow evaluation asked for
 * ({@link UsageEvent#shadow()}); they are part of {@code requests} and {@code costMicros} too, as their caller's spend.
 */
@RegisterForReflection
public record SpendTotals(long requests, long errors, long inputTokens, long cachedInputTokens,
        long cacheWriteTokens, long outputTokens, long reasoningTokens, long costMicros, long latencyMillis,
        long teacherCostMicros, long shadowRequests, long shadowCostMicros) {

    public static final SpendTotals ZERO = new SpendTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static SpendTotals of(UsageEvent event) {
        var tokens = event.tokens();
        return new SpendTotals(1, event.outcome() == UsageEvent.Outcome.OK ? 0 : 1, tokens.input(),
                tokens.cachedInput(), tokens.cacheWrite(), tokens.output(), tokens.reasoning(), event.costMicros(),
                Math.max(0, event.latencyMillis()), event.teacherCostMicros(), event.shadow() == null ? 0 : 1,
                event.shadow() == null ? 0 : event.costMicros());
    }

    public SpendTotals plus(SpendTotals other) {
        return new SpendTotals(Math.addExact(requests, other.requests), Math.addExact(errors, other.errors),
                Math.addExact(inputTokens, other.inputTokens),
                Math.addExact(cachedInputTokens, other.cachedInputTokens),
                Math.addExact(cacheWriteTokens, other.cacheWriteTokens),
                Math.addExact(outputTokens, other.outputTokens),
                Math.addExact(reasoningTokens, other.reasoningTokens),
                Math.addExact(costMicros, other.costMicros),
                Math.addExact(latencyMillis, other.latencyMillis),
                Math.addExact(teacherCostMicros, other.teacherCostMicros),
                Math.addExact(shadowRequests, other.shadowRequests),
                Math.addExact(shadowCostMicros, other.shadowCostMicros));
    }

    /** Input plus output tokens (cached, cache-write and reasoning tokens are parts of these). */
    public long tokens() {
        return inputTokens + outputTokens;
    }
}
