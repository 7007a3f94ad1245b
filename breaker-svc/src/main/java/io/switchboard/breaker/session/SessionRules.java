package io.switchboard.breaker.session;

import java.time.Duration;

import io.switchboard.breaker.config.BreakerConfig;

/** The rules one team's sessions are held to, resolved from its own settings over the defaults. */
public record SessionRules(Duration activeDuration, long tokens, long costMicros, double burnRateFactor,
        long burnRateMinCostMicros, int loopRepeats, Policy policy, Duration grace) {

    /** What happens to a session while its question is open. */
    public enum Policy {

        /** Keep serving. */
        NOTIFY,
        /** Keep serving for the grace period, then pause. */
        PAUSE_AFTER,
        /** Pause at once. */
        PAUSE;

        static Policy parse(String text) {
            return switch (text) {
                case "notify" -> NOTIFY;
                case "pause" -> PAUSE;
                case "pause-after" -> PAUSE_AFTER;
                default -> throw new IllegalArgumentException(
                        "switchboard.breaker policy '" + text + "' is not notify, pause-after or pause");
            };
        }
    }

    /** The rules of {@code team}. */
    public static SessionRules of(BreakerConfig config, String team) {
        var d = config.defaultRules();
        var t = config.teams().get(team);
        if (t == null) {
            return new SessionRules(d.activeDuration(), d.tokens(), d.costMicros(), d.burnRateFactor(),
                    d.burnRateMinCostMicros(), d.loopRepeats(), Policy.parse(d.policy()), d.grace());
        }
        return new SessionRules(t.activeDuration().orElse(d.activeDuration()), t.tokens().orElse(d.tokens()),
                t.costMicros().orElse(d.costMicros()), t.burnRateFactor().orElse(d.burnRateFactor()),
                t.burnRateMinCostMicros().orElse(d.burnRateMinCostMicros()), t.loopRepeats().orElse(d.loopRepeats()),
                Policy.parse(t.policy().orElse(d.policy())), t.grace().orElse(d.grace()));
    }
}
