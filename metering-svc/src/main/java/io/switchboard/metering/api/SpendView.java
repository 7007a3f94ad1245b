package io.switchboard.metering.api;

import io.switchboard.events.Money;
import io.switchboard.metering.aggregate.SpendTotals;

/** Totals as the API shows them: exact integer micro-USD, and the same amount in dollars for people. */
public record SpendView(String key, long requests, long inputTokens, long outputTokens, long costMicros,
        String cost) {

    static SpendView of(String key, SpendTotals totals) {
        return new SpendView(key, totals.requests(), totals.inputTokens(), totals.outputTokens(), totals.costMicros(),
                Money.dollars(totals.costMicros()));
    }
}
