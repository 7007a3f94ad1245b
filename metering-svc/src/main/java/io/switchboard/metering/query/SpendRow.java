package io.switchboard.metering.query;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.events.Money;
import io.switchboard.metering.aggregate.SpendTotals;

/**
 * One row of a spend answer: its period (absent without granularity), its group values by dimension name, and its
 * totals: exact integer micro-USD ({@code costMicros}) and the same in dollars ({@code cost}); for requests promoted
 * students served, what the teacher would have cost ({@code teacherCostMicros}, 0 for others); the teacher's answers
 * shadow evaluations asked for, and their cost ({@code shadowRequests}, {@code shadowCostMicros}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record SpendRow(String period, Map<String, String> group, long requests, long errors, long inputTokens,
        long cachedInputTokens, long cacheWriteTokens, long outputTokens, long reasoningTokens, long costMicros,
        String cost, long latencyMillisSum, long avgLatencyMillis, long teacherCostMicros, long shadowRequests,
        long shadowCostMicros) {

    public static SpendRow of(String period, Map<String, String> group, SpendTotals t) {
        return new SpendRow(period == null || period.isEmpty() ? null : period, group, t.requests(), t.errors(),
                t.inputTokens(), t.cachedInputTokens(), t.cacheWriteTokens(), t.outputTokens(), t.reasoningTokens(),
                t.costMicros(), Money.dollars(t.costMicros()), t.latencyMillis(),
                t.requests() == 0 ? 0 : Math.round((double) t.latencyMillis() / t.requests()),
                t.teacherCostMicros(), t.shadowRequests(), t.shadowCostMicros());
    }
}
