package io.switchboard.breaker.session;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A user's usual spending, from their finished sessions: cost per hour of active time. */
@RegisterForReflection
public record UserBaseline(long costMicros, long activeMillis) {

    static final UserBaseline NONE = new UserBaseline(0, 0);

    /** Too little history says nothing usual. */
    private static final long MIN_HISTORY_MILLIS = 3_600_000;

    UserBaseline plus(SessionState finished) {
        return new UserBaseline(costMicros + finished.costMicros(), activeMillis + finished.activeMillis());
    }

    /** Usual micro-USD per active hour; 0 while there is less than an hour of history. */
    double usualRate() {
        return activeMillis < MIN_HISTORY_MILLIS ? 0 : costMicros * 3_600_000.0 / activeMillis;
    }
}
