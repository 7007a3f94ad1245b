package io.switchboard.metering;

import java.time.Duration;

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

    /** The longest date range one spend query may cover. */
    @WithDefault("400")
    int maxQueryDays();
}
