package io.switchboard.router.outbox;

import java.nio.file.Path;
import java.time.Duration;

import io.switchboard.router.RouterConfig;
import io.switchboard.runtime.kafka.KafkaConnection;

/**
 * How one outbox's records reach Kafka; from {@link RouterConfig} in the service, built directly in tests.
 *
 * @param name the outbox's name: its settings live under {@code switchboard.router.<name>.}, its metrics under
 *        {@code switchboard.router.<name>.}, its spool files are called {@code <name>-<seq>.spool}
 * @param records what its records are, as log lines name them ("usage events")
 */
public record OutboxSettings(String name, String records, KafkaConnection kafka, String topic, int queueCapacity,
        Path spoolDir, long spoolMaxBytes, long spoolSegmentBytes, Duration spoolFsyncInterval) {

    public OutboxSettings {
        require(name, kafka != null, "kafka", "is missing");
        require(name, queueCapacity > 0, "queue-capacity", "must be positive");
        require(name, spoolDir != null, "spool-dir", "is missing");
        require(name, spoolSegmentBytes >= 1024, "spool-segment-bytes", "must be at least 1K");
        require(name, spoolMaxBytes >= spoolSegmentBytes, "spool-max-bytes", "must be at least spool-segment-bytes");
        require(name, spoolFsyncInterval != null && !spoolFsyncInterval.isNegative()
                && !spoolFsyncInterval.isZero(), "spool-fsync-interval", "must be positive");
    }

    public static OutboxSettings of(String name, String records, RouterConfig.Outbox config, String defaultTopic,
            KafkaConnection kafka) {
        return new OutboxSettings(name, records, kafka, config.topic().orElse(defaultTopic), config.queueCapacity(),
                config.spoolDir(), config.spoolMaxBytes().asLongValue(), config.spoolSegmentBytes().asLongValue(),
                config.spoolFsyncInterval());
    }

    /** The name of one of these settings in the configuration. */
    String setting(String field) {
        return "switchboard.router." + name + "." + field;
    }

    private static void require(String name, boolean valid, String field, String problem) {
        if (!valid) {
            throw new IllegalArgumentException("switchboard.router." + name + "." + field + " " + problem);
        }
    }
}
