package io.switchboard.router.outbox;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.Attempt;
import io.switchboard.events.ClientInfo;
import io.switchboard.events.EventJson;
import io.switchboard.events.Tokens;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.runtime.kafka.KafkaConnection;
import io.switchboard.testing.KafkaBroker;

/**
 * Usage events per second from the outbox to Kafka's acknowledgement, with the spool and without it (the producer alone, as
 * before the spool), against the in-JVM broker. Run: {@code ./mvnw -o -pl router-svc -am test
 * -Dtest=UsageSpoolBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench=true}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class UsageSpoolBenchmark {

    private static final int EVENTS = 200_000;

    @TempDir
    Path spoolDir;

    @Test
    void throughput() throws Exception {
        var events = IntStream.range(0, EVENTS).mapToObj(i -> new UsageEvent(UUID.randomUUID(), Instant.now(),
                UsageEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), "user-" + (i % 50), "team-a", "key-1",
                "sess-" + (i % 10), new ClientInfo("claude-code", "2.0.14"), "", "openai.chat", "gpt-4o", "gpt-4o",
                "primary", List.of(new Attempt("primary", "gpt-4o", Attempt.Outcome.OK, 200, 812)), true,
                UsageEvent.Outcome.OK, 200, new Tokens(1200, 0, 0, 350, 0), 6500, "2026-11-01", 830, 120, false,
                "fp", 0)).toList();
        System.out.printf("event size: %d bytes of JSON%n", EventJson.write(events.get(0)).length);
        try (var broker = KafkaBroker.start()) {
            broker.createSwitchboardTopics();
            for (int round = 0; round < 5; round++) {
                report("JSON serialization only", EVENTS, serializeOnly(events));
                report("producer only", EVENTS, producerOnly(broker, "bench-plain-" + round, events));
                report("with spool   ", EVENTS, spooled(broker, "bench-spool-" + round, events, round));
                report("spool append + JSON (no Kafka)", EVENTS, appendOnly(events, round));
            }
        }
    }

    /** What the publisher did before the spool: one thread sends, nothing on disk. */
    private static long producerOnly(KafkaBroker broker, String topic, List<UsageEvent> events) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true, ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(topic);
            var acked = new CountDownLatch(events.size());
            long started = System.nanoTime();
            for (var event : events) {
                producer.send(new ProducerRecord<>(topic, event.userId(), EventJson.write(event)),
                        (meta, error) -> acked.countDown());
            }
            acked.await();
            return System.nanoTime() - started;
        }
    }

    private long spooled(KafkaBroker broker, String topic, List<UsageEvent> events, int round) throws Exception {
        var registry = new SimpleMeterRegistry();
        var publisher = new Outbox<UsageEvent>(new OutboxSettings("usage", "usage events",
                KafkaConnection.of(broker.clientSettings()), topic, 1_000_000, spoolDir.resolve("spool-" + round),
                1L << 30, 16L << 20, Duration.ofSeconds(1)), new RouterMetrics(registry),
                event -> new byte[][]{event.userId().getBytes(), EventJson.write(event)});
        try {
            long started = System.nanoTime();
            events.forEach(publisher::offer);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5)).until(() -> registry.find(
                    "switchboard.router.usage.events").tag("result", "published").counter() != null && registry
                            .get(
                                    "switchboard.router.usage.events")
                            .tag("result", "published").counter().count() >= EVENTS);
            return System.nanoTime() - started;
        } finally {
            publisher.close();
        }
    }

    private static long serializeOnly(List<UsageEvent> events) {
        long started = System.nanoTime();
        long bytes = 0;
        for (var event : events) {
            bytes += EventJson.write(event).length;
        }
        return bytes > 0 ? System.nanoTime() - started : 0;
    }

    private long appendOnly(List<UsageEvent> events, int round) throws Exception {
        try (var spool = Spool.open(spoolDir.resolve("append-" + round), "usage", 1L << 30, 16L << 20)) {
            long started = System.nanoTime();
            for (int from = 0; from < events.size(); from += 1024) {
                spool.append(events.subList(from, Math.min(events.size(), from + 1024)).stream()
                        .map(event -> new byte[][]{event.userId().getBytes(), EventJson.write(event)}).toList());
            }
            spool.sync();
            return System.nanoTime() - started;
        }
    }

    private static void report(String what, int events, long nanos) {
        System.out.printf("BENCH %s: %,d events in %,d ms = %,.0f events/s%n", what, events, nanos / 1_000_000,
                events * 1e9 / nanos);
    }
}
