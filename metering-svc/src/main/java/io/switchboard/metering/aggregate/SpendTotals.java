package io.switchboard.metering.aggregate;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.events.UsageEvent;

/** Running totals of one aggregate (a user's day, a team's day): exact counts and integer micro-USD. */
@RegisterForReflection
public record SpendTotals(long requests, long inputTokens, long outputTokens, long costMicros) {

    public static final SpendTotals ZERO = new SpendTotals(0, 0, 0, 0);

    public SpendTotals plus(UsageEvent event) {
        return new SpendTotals(requests + 1,
                Math.addExact(inputTokens, event.tokens().input()),
                Math.addExact(outputTokens, event.tokens().output()),
                Math.addExact(costMicros, event.costMicros()));
    }

    public SpendTotals plus(SpendTotals other) {
        return new SpendTotals(requests + other.requests,
                Math.addExact(inputTokens, other.inputTokens),
                Math.addExact(outputTokens, other.outputTokens),
                Math.addExact(costMicros, other.costMicros));
    }
}
