package io.switchboard.metering.budget;

import static io.switchboard.metering.UsageEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.BudgetStanding.Level;
import io.switchboard.events.Decision;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.metering.aggregate.SpendMeters;
import io.switchboard.metering.aggregate.SpendTopology;
import io.switchboard.metering.topology.MeteringTopology;

/**
 * The budget branch over the whole topology, budgets read from a routing file: charges reach the subject's partition,
 * crossings are published at once, standings as spend moves, periods and removed budgets are handled.
 */
class BudgetTopologyTest {

    @TempDir
    Path dir;
    private Path routing;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-20T12:00:00Z"));
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> usage;
    private TestOutputTopic<String, byte[]> decisions;

    @BeforeEach
    void start() throws Exception {
        routing = dir.resolve("routing.yaml");
        budgets("""
                budgets:
                  - subject: team:t1
                    period: month
                    soft: "1.00"
                    hard: "2.00"
                    webhook: http://localhost/hook
                  - subject: key:key-carol
                    period: day
                    hard: "0.5"
                """);
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "budget-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(dir, "state").toString());
        driver = new TopologyTestDriver(MeteringTopology.build(new SpendTopology.Retention(Duration.ofDays(7),
                Duration.ofDays(30), Duration.ofDays(100), Duration.ofDays(800)),
                new SpendMeters(new SimpleMeterRegistry()),
                BudgetBook.watching(Optional.of(routing), Duration.ZERO, clock), clock, Duration.ofSeconds(1)),
                props, clock.instant());
        usage = driver.createInputTopic(Topics.USAGE, new StringSerializer(), new ByteArraySerializer());
        decisions = driver.createOutputTopic(Topics.DECISIONS, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aTeamsSpendFromAllItsUsersCrossesSoftThenHardAtOnce() {
        publish(event("alice", "t1", "2026-11-03T10:00:00Z", 10, 10, 600_000));
        assertThat(decisions.isEmpty()).as("below every threshold: nothing before the standing interval").isTrue();

        publish(event("bob", "t1", "2026-11-20T11:00:00Z", 10, 10, 500_000));
        var soft = latest("team:t1");
        assertThat(soft.action()).isEqualTo(Decision.Action.ALLOW);
        assertThat(soft.reason()).isEqualTo(Decision.BUDGET);
        var standing = soft.budgets().get(0);
        assertThat(standing.spentMicros()).isEqualTo(1_100_000);
        assertThat(standing.level()).isEqualTo(Level.SOFT);
        assertThat(standing.crossed()).isTrue();
        assertThat(standing.periodStart()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(standing.resetsAt()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(standing.countedThrough()).isEqualTo(Instant.parse("2026-11-20T11:00:00Z"));

        publish(event("alice", "t1", "2026-11-20T11:30:00Z", 10, 10, 900_000));
        var block = latest("team:t1");
        assertThat(block.action()).isEqualTo(Decision.Action.BLOCK);
        assertThat(block.expiresAt()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(block.budgets().get(0).level()).isEqualTo(Level.HARD);
        assertThat(block.budgets().get(0).spentMicros()).isEqualTo(2_000_000);
        assertThat(block.message()).contains("monthly budget of team t1", "$2.00 of $2.00",
                "2026-12-01T00:00:00Z");
        assertThat(block.refuses(clock.instant())).isTrue();
        assertThat(block.refuses(Instant.parse("2026-12-01T00:00:00Z"))).isFalse();
    }

    @Test
    void aDuplicateIsChargedOnce() {
        var event = event("alice", "t1", "2026-11-20T10:00:00Z", 10, 10, 700_000);
        publish(event);
        publish(event);
        publish(event);
        tick();
        var standing = latest("team:t1").budgets().get(0);
        assertThat(standing.spentMicros()).isEqualTo(700_000);
        assertThat(standing.level()).isEqualTo(Level.OK);
    }

    @Test
    void standingsFollowSpendOncePerIntervalAndOnlyWhenItMoves() {
        publish(event("alice", "t1", "2026-11-20T10:00:00Z", 10, 10, 100_000));
        publish(event("alice", "t1", "2026-11-20T10:01:00Z", 10, 10, 100_000));
        tick();
        var records = all("team:t1");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).budgets().get(0).spentMicros()).isEqualTo(200_000);
        assertThat(records.get(0).budgets().get(0).crossed()).isFalse();
        tick();
        assertThat(all("team:t1")).as("nothing moved").isEmpty();
    }

    @Test
    void aDailyKeyBudgetResetsWithTheDay() {
        publish(event("carol", "t2", "2026-11-20T10:00:00Z", 10, 10, 500_000));
        var block = latest("key:key-carol");
        assertThat(block.action()).isEqualTo(Decision.Action.BLOCK);
        assertThat(block.expiresAt()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));

        clock.set(Instant.parse("2026-11-21T00:00:01Z"));
        tick();
        var next = latest("key:key-carol");
        assertThat(next.action()).isEqualTo(Decision.Action.ALLOW);
        assertThat(next.budgets().get(0).spentMicros()).isZero();
        assertThat(next.budgets().get(0).periodStart()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
        assertThat(all("team:t2")).as("team t2 has no budget").isEmpty();
    }

    @Test
    void aRaisedBudgetUnblocksAndARemovedOneIsRetracted() throws Exception {
        publish(event("alice", "t1", "2026-11-20T10:00:00Z", 10, 10, 2_500_000));
        assertThat(latest("team:t1").action()).isEqualTo(Decision.Action.BLOCK);

        budgets("""
                budgets:
                  - subject: team:t1
                    period: month
                    hard: "5"
                """);
        tick();
        var raised = latest("team:t1");
        assertThat(raised.action()).isEqualTo(Decision.Action.ALLOW);
        assertThat(raised.budgets().get(0).budget().hardMicros()).isEqualTo(5_000_000);

        budgets("budgets: []\n");
        tick();
        var records = decisions.readRecordsToList().stream().filter(r -> r.key().equals("team:t1")).toList();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value()).as("a tombstone").isNull();
    }

    private void budgets(String yaml) throws Exception {
        Files.writeString(routing, yaml);
        // The file is told apart by its time and size: make sure a rewrite looks new.
        Files.setLastModifiedTime(routing, java.nio.file.attribute.FileTime.from(clock.bump()));
    }

    private void publish(UsageEvent event) {
        usage.pipeInput(event.userId(), EventJson.write(event));
    }

    private void tick() {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
    }

    private Decision latest(String subject) {
        var records = all(subject);
        assertThat(records).as("decisions for " + subject).isNotEmpty();
        return records.get(records.size() - 1);
    }

    private List<Decision> all(String subject) {
        return decisions.readRecordsToList().stream().filter(r -> r.key().equals(subject))
                .map(TestRecord::value).map(v -> EventJson.read(v, Decision.class)).toList();
    }

    /** The wall clock of the budget keeper, set by the test. */
    private static final class MovableClock extends Clock {

        private Instant now;
        private long bumps;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant now) {
            this.now = now;
        }

        /** A distinct instant for each call, for file times. */
        Instant bump() {
            return now.plusSeconds(++bumps);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
