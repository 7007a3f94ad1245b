package io.switchboard.router.usage;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.RouterConfig;
import io.switchboard.router.metrics.RouterMetrics;

/**
 * Publishes usage events to Kafka without the request ever waiting: events are handed to one sender thread, which is
 * the only place that may block on the producer (metadata, full buffers). Keyed by user, so one user's events stay in
 * order on one partition.
 */
@ApplicationScoped
public class UsagePublisher {

    private static final Logger LOGGER = Logger.getLogger(UsagePublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final ThreadPoolExecutor sender;
    private final RouterMetrics metrics;
    private final String topic;

    UsagePublisher(RouterConfig config, RouterMetrics metrics,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.metrics = metrics;
        this.topic = config.usage().topic().orElse(Topics.USAGE);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "router-usage");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.usage().queueCapacity()), r -> {
                    var thread = new Thread(r, "usage-sender");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Queues the event for Kafka and returns at once. */
    public void publish(UsageEvent event) {
        try {
            sender.execute(() -> send(event));
        } catch (RejectedExecutionException e) {
            metrics.usageEvent("dropped");
            LOGGER.errorf("usage event dropped, the send queue is full: eventId=%s requestId=%s user=%s",
                    event.eventId(), event.requestId(), event.userId());
        }
    }

    private void send(UsageEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, event.userId(), EventJson.write(event)), (meta, error) -> {
                if (error == null) {
                    metrics.usageEvent("published");
                } else {
                    metrics.usageEvent("failed");
                    LOGGER.errorf("usage event not published: eventId=%s requestId=%s error=%s", event.eventId(),
                            event.requestId(), error.toString());
                }
            });
        } catch (RuntimeException e) {
            metrics.usageEvent("failed");
            LOGGER.errorf("usage event not published: eventId=%s requestId=%s error=%s", event.eventId(),
                    event.requestId(), e.toString());
        }
    }

    @PreDestroy
    void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(10, TimeUnit.SECONDS)) {
                LOGGER.warnf("usage events still queued at shutdown: %d", sender.getQueue().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
