package io.switchboard.breaker.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of the breaker: when a session is put to its owner, what happens meanwhile, and how they are told. */
@ConfigMapping(prefix = "switchboard.breaker")
public interface BreakerConfig {

    /** Where people reach this service: the links in notifications and error messages start here. */
    @WithDefault("http://localhost:8082")
    String publicUrl();

    /** Signs the answer links; keep it secret and the same on every instance. */
    String tokenSecret();

    /** How long a question stays open; its links expire with it. */
    @WithDefault("PT24H")
    Duration answerWindow();

    /** A session with no request for this long is over. */
    @WithDefault("PT30M")
    Duration idleGap();

    /** How often sessions are checked for idleness, grace periods and expired questions. */
    @WithDefault("PT30S")
    Duration checkInterval();

    /** SHA-256 (hex) of the keys that may answer for anyone and list sessions. */
    Optional<List<String>> adminKeys();

    /** The rules for teams that have none of their own. */
    @WithName("defaults")
    Rules defaultRules();

    /** Per-team rules, by team id; what a team leaves out comes from the defaults. */
    Map<String, TeamRules> teams();

    Webhook webhook();

    interface Rules {

        /** A session active this long... */
        @WithDefault("PT10H")
        Duration activeDuration();

        /** ...is asked about once it has used this many tokens... */
        @WithDefault("5000000")
        long tokens();

        /** ...or cost this much (micro-USD). */
        @WithDefault("50000000")
        long costMicros();

        /** A session burning this many times its owner's usual cost per hour is asked about... */
        @WithDefault("5")
        double burnRateFactor();

        /** ...once it has cost at least this much (micro-USD). */
        @WithDefault("10000000")
        long burnRateMinCostMicros();

        /** This many identical consecutive requests look like a loop. */
        @WithDefault("25")
        int loopRepeats();

        /** While the question is open: notify (keep serving), pause-after (the grace period), or pause. */
        @WithDefault("pause-after")
        String policy();

        @WithDefault("PT15M")
        Duration grace();
    }

    interface TeamRules {

        Optional<Duration> activeDuration();

        Optional<Long> tokens();

        Optional<Long> costMicros();

        Optional<Double> burnRateFactor();

        Optional<Long> burnRateMinCostMicros();

        Optional<Integer> loopRepeats();

        Optional<String> policy();

        Optional<Duration> grace();
    }

    interface Webhook {

        /** Where notifications are posted; none are sent when absent. */
        Optional<String> url();

        /** {@code slack} (Slack-compatible blocks) or {@code json} (the confirmation's fields and the two links). */
        @WithDefault("slack")
        String format();
    }
}
