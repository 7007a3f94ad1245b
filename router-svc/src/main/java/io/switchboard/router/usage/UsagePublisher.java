package io.switchboard.router.usage;

import java.nio.charset.StandardCharsets;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.RouterConfig;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.router.outbox.Outbox;
import io.switchboard.router.outbox.OutboxSettings;
import io.switchboard.runtime.kafka.KafkaConnection;

/**
 * Publishes usage events to Kafka through an {@link Outbox}: the request never waits, and an event Kafka does not take
 * waits in the spool on disk, to be sent again with its event id, so consumers deduplicate. Keyed by user, so one
 * user's events stay on one partition. Started with the application, so that a spool left by an earlier process is
 * sent at once.
 */
@Startup
@Singleton
public class UsagePublisher {

    private final Outbox<UsageEvent> outbox;

    @Inject
    UsagePublisher(RouterConfig config, RouterMetrics metrics, KafkaConnection kafka) {
        this(OutboxSettings.of("usage", "usage events", config.usage(), Topics.USAGE, kafka), metrics);
    }

    UsagePublisher(OutboxSettings settings, RouterMetrics metrics) {
        this.outbox = new Outbox<>(settings, metrics, event -> new byte[][]{
                (event.userId() == null ? "" : event.userId()).getBytes(StandardCharsets.UTF_8),
                EventJson.write(event)});
    }

    /** Queues the event for the spool and Kafka, and returns at once. */
    public void publish(UsageEvent event) {
        outbox.offer(event);
    }

    /** Whether the threads that write the spool and send it to Kafka run: false once closed, or ended by an error. */
    public boolean alive() {
        return outbox.alive();
    }

    @PreDestroy
    void close() {
        outbox.close();
    }
}
