package io.switchboard.metering.query;

import io.switchboard.metering.aggregate.SpendTotals;

/** What rows are ranked by, largest first. */
public enum Sort {

    COST, REQUESTS, TOKENS;

    public long metric(SpendTotals totals) {
        return switch (this) {
            case COST -> totals.costMicros();
            case REQUESTS -> totals.requests();
            case TOKENS -> totals.tokens();
        };
    }
}
