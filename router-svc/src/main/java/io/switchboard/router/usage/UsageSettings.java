package io.switchboard.router.usage;

import java.nio.file.Path;
import java.time.Duration;

import io.switchboard.events.Topics;
import io.switchboard.router.RouterConfig;
import io.switchboard.runtime.kafka.KafkaConnection;

/** How usage events reach Kafka; from {@link RouterConfig} in the service, built directly in tests. */
record UsageSettings(KafkaConnection kafka, String topic, int queueCapacity, Path spoolDir, long spoolMaxBytes,
        long spoolSegmentBytes, Duration spoolFsyncInterval) {

    UsageSettings {
        require(kafka != null, "kafka", "is missing");
        require(queueCapacity > 0, "queue-capacity", "must be positive");
        require(spoolDir != null, "spool-dir", "is missing");
        require(spoolSegmentBytes >= 1024, "spool-segment-bytes", "must be at least 1K");
        require(spoolMaxBytes >= spoolSegmentBytes, "spool-max-bytes", "must be at least spool-segment-bytes");
        require(spoolFsyncInterval != null && !spoolFsyncInterval.isNegative()
                && !spoolFsyncInterval.isZero(), "spool-fsync-interval",
                "must be positive");
    }

    static UsageSettings of(RouterConfig config, KafkaConnection kafka) {
        var usage = config.usage();
        return new UsageSettings(kafka, usage.topic().orElse(Topics.USAGE), usage.queueCapacity(),
                usage.spoolDir(), usage.spoolMaxBytes().asLongValue(), usage.spoolSegmentBytes().asLongValue(),
                usage.spoolFsyncInterval());
    }

    private static void require(boolean valid, String field, String problem) {
        if (!valid) {
            throw new IllegalArgumentException("switchboard.router.usage: " + field + " " + problem);
        }
    }
}
