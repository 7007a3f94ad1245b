package io.switchboard.router.decisions;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.switchboard.events.Decision;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.router.identity.Caller;

/**
 * The whole decisions topic, in memory: every replica reads every partition from the beginning (no consumer group),
 * so enforcement is a map lookup, survives restarts and reaches every replica as fast as a poll. Fed by one thread;
 * read by every event loop.
 */
@ApplicationScoped
@Startup
public class DecisionTable {

    private static final Logger LOGGER = Logger.getLogger(DecisionTable.class);

    private final Map<String, Decision> bySubject = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private volatile boolean running = true;

    DecisionTable(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "router-decisions");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.reader = new Thread(this::read, "decisions-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** A decision that refuses this caller's request now: of its session, its key, its user or its team. */
    public Optional<Decision> refusing(Caller caller, String session, Instant now) {
        if (bySubject.isEmpty()) {
            return Optional.empty();
        }
        for (var subject : new String[]{session.isEmpty() ? null : Decision.session(session),
                "key:" + caller.keyId(), "user:" + caller.user(), caller.team().isEmpty()
                        ? null
                        : "team:" + caller.team()}) {
            var decision = subject == null ? null : bySubject.get(subject);
            if (decision != null && decision.refuses(now)) {
                return Optional.of(decision);
            }
        }
        return Optional.empty();
    }

    private void read() {
        try {
            var partitions = List.<TopicPartition>of();
            while (running && partitions.isEmpty()) {
                partitions = consumer.partitionsFor(Topics.DECISIONS, Duration.ofSeconds(5)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                if (partitions.isEmpty()) {
                    Thread.sleep(1000);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            LOGGER.infof("reading decisions from %d partitions", partitions.size());
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    apply(record.key(), record.value());
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // stopping
        } catch (RuntimeException e) {
            LOGGER.errorf("decisions are no longer read, enforcement stays as it was: %s", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(String subject, byte[] value) {
        if (subject == null) {
            return;
        }
        if (value == null) {
            bySubject.remove(subject);
            return;
        }
        try {
            var decision = EventJson.read(value, Decision.class);
            bySubject.put(subject, decision);
            LOGGER.infof("decision applied: subject=%s action=%s reason=%s", subject, decision.action(),
                    decision.reason());
        } catch (RuntimeException e) {
            // One unreadable record must not stop enforcement of all the others.
            LOGGER.warnf("decision for %s skipped: %s", subject, e.toString());
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        consumer.wakeup();
    }
}
