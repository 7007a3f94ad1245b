package io.switchboard.metering;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "switchboard.metering")
public interface MeteringConfig {

    /**
     * How long, in event time, an event id is remembered: a copy delivered later than this after the original is
     * counted again. Must outlast the longest outage the router's spool can bridge.
     */
    @WithDefault("P7D")
    Duration dedupWindow();

    /** How long a session's totals are kept after it was last seen. */
    @WithDefault("P30D")
    Duration sessionRetention();

    /** How long hour buckets are kept after their hour: older hours are answered from nothing. */
    @WithDefault("P100D")
    Duration hourBucketRetention();

    /** How long day buckets are kept after their day (month figures are sums of days). */
    @WithDefault("P800D")
    Duration dayBucketRetention();

    /** The longest date range one spend query may cover. */
    @WithDefault("400")
    int maxQueryDays();

    /** The longest range of a query read from hour buckets (granularity=hour, or from/to with an hour). */
    @WithDefault("92")
    int maxHourlyQueryDays();

    /**
     * The router's routing file, for its {@code keys} and {@code adminKeys} only. Without it every query is refused
     * (401).
     */
    Optional<Path> routingFile();

    /** How often the routing file is checked for changed keys and budgets. */
    @WithDefault("PT5S")
    Duration keysCheckInterval();

    /** How long to wait for another instance's part of an answer. */
    @WithDefault("PT10S")
    Duration peerTimeout();

    /**
     * How often a budget's standing is published while its spend moves (crossing a threshold is published at once).
     * Router replicas reserve against the last standing they received.
     */
    @WithDefault("PT1S")
    Duration budgetStandingInterval();

    /** Metering's webhook for budget crossings (Slack-compatible JSON), unless a budget names its own. */
    Optional<String> budgetWebhook();
}
