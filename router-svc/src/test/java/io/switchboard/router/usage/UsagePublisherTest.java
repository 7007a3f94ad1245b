package io.switchboard.router.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.ClientInfo;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.router.outbox.OutboxSettings;
import io.switchboard.runtime.kafka.KafkaConnection;
import io.switchboard.testing.KafkaBroker;

/** The publisher on its own, against a Kafka that is not there, then one that is: events outlive the process. */
class UsagePublisherTest {

    private static KafkaBroker broker;

    @TempDir
    Path spoolDir;
    @TempDir
    Path afterCrash;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
        broker.createSwitchboardTopics();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void eventsSpooledWhileKafkaWasAwayAreSentByTheNextProcess() throws IOException {
        // given: a router whose Kafka is unreachable took 300 events and was killed: its spool files as it left them
        var events = events(300);
        var away = new SimpleMeterRegistry();
        var first = new UsagePublisher(settings(spoolDir, unreachable(), 1 << 30), new RouterMetrics(away));
        try {
            events.forEach(first::publish);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> gauge(away, "switchboard.router.usage.spool.pending") == 300);
            copySpoolFiles(spoolDir, afterCrash);
        } finally {
            first.close();
        }

        // when: the next process starts with that spool directory and a reachable Kafka
        var back = new SimpleMeterRegistry();
        var second = new UsagePublisher(settings(afterCrash, broker.bootstrapServers(), 1 << 30),
                new RouterMetrics(back));
        try {
            // then: every event is on the topic, with its own id and key, and the spool empties
            var ids = events.stream().map(UsageEvent::eventId).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(eventIdsOnTopic(ids)).isEqualTo(ids));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> gauge(back, "switchboard.router.usage.spool.pending") == 0);
            assertThat(counter(back, "replayed")).isEqualTo(300);
            assertThat(counter(back, "dropped") + counter(away, "dropped")).isZero();
        } finally {
            second.close();
        }
        assertThat(spoolFiles(afterCrash)).as("delivered spool files are deleted").isEmpty();
    }

    /** What a kill -9 leaves: the files as written so far, without a last sync or close. */
    private static void copySpoolFiles(Path from, Path to) throws IOException {
        for (var file : spoolFiles(from)) {
            var copy = to.resolve(from.relativize(file));
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy);
        }
    }

    @Test
    void aFullSpoolDropsAndCountsEventsWithoutEverBlocking() {
        // given: Kafka unreachable and a spool of 64 KiB, about a hundred events
        var registry = new SimpleMeterRegistry();
        var publisher = new UsagePublisher(settings(spoolDir, unreachable(), 64 * 1024), new RouterMetrics(registry));
        try {
            var events = events(2000);

            // when
            long started = System.nanoTime();
            events.forEach(publisher::publish);
            long millis = (System.nanoTime() - started) / 1_000_000;

            // then: publishing never waited, and every event is either spooled or dropped and counted
            assertThat(millis).isLessThan(500);
            await().atMost(Duration.ofSeconds(10)).until(() -> counter(registry, "dropped")
                    + gauge(registry, "switchboard.router.usage.spool.pending") == 2000);
            assertThat(counter(registry, "dropped")).isGreaterThan(1000);
            assertThat(gauge(registry, "switchboard.router.usage.spool.size")).isLessThanOrEqualTo(64 * 1024);
        } finally {
            publisher.close();
        }
    }

    private static OutboxSettings settings(Path dir, String bootstrapServers, long maxBytes) {
        return new OutboxSettings("usage", "usage events", KafkaConnection.plaintext(bootstrapServers), Topics.USAGE,
                10_000, dir, maxBytes, 16 * 1024, Duration.ofMillis(200));
    }

    private static List<UsageEvent> events(int count) {
        return IntStream.range(0, count).mapToObj(i -> new UsageEvent(UUID.randomUUID(), Instant.now(),
                UsageEvent.SCHEMA_VERSION, "req-" + i, "user-" + (i % 7), "team", "key", "", ClientInfo.OTHER, "",
                "openai.chat", "gpt-4o", "gpt-4o", "primary", List.of(), false, UsageEvent.Outcome.OK, 200, null, 42,
                "v1", 10, 10, false, "", 0)).toList();
    }

    private static Set<UUID> eventIdsOnTopic(Set<UUID> wanted) {
        return broker.readMatching(Topics.USAGE, UsageEvent.class, event -> wanted.contains(event.eventId()),
                Duration.ofSeconds(5)).stream().map(keyed -> {
                    assertThat(keyed.key()).isEqualTo(keyed.value().userId());
                    return keyed.value().eventId();
                }).collect(Collectors.toSet());
    }

    /** A port nothing listens on. */
    private static String unreachable() {
        try (var socket = new ServerSocket(0)) {
            return "127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }

    private static double counter(SimpleMeterRegistry registry, String result) {
        var counter = registry.find("switchboard.router.usage.events").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<Path> spoolFiles(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(path -> path.toString().endsWith(".spool")).toList();
        }
    }
}
