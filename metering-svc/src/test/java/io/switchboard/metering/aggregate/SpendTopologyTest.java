package io.switchboard.metering.aggregate;

import static io.switchboard.metering.UsageEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;

class SpendTopologyTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Counter counted = registry.counter("counted");
    private final Counter duplicates = registry.counter("duplicates");
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> usage;

    @BeforeEach
    void start() throws Exception {
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "spend-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("spend-test").toString());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class);
        driver = new TopologyTestDriver(SpendTopology.build(Duration.ofDays(7), counted, duplicates), props);
        usage = driver.createInputTopic(Topics.USAGE, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void publish(UsageEvent event) {
        usage.pipeInput(event.userId(), EventJson.write(event));
    }

    @Test
    void aRedeliveredEventIsCountedOnce() {
        // given
        var first = event("alice", "payments", "2026-11-21T10:00:00Z", 1000, 200, 4500);
        var second = event("alice", "payments", "2026-11-21T11:00:00Z", 10, 5, 21);

        // when: the first arrives three times (a producer retry, then a spool replay after later traffic)
        publish(first);
        publish(first);
        publish(second);
        publish(first);

        // then
        var users = driver.<String, SpendTotals>getKeyValueStore(SpendTopology.USER_DAY_STORE);
        assertThat(users.get("2026-11-21|alice")).isEqualTo(new SpendTotals(2, 1010, 205, 4521));
        assertThat(counted.count()).isEqualTo(2);
        assertThat(duplicates.count()).isEqualTo(2);
    }

    @Test
    void spendIsSummedPerUserAndPerTeamPerUtcDay() {
        publish(event("alice", "payments", "2026-11-20T23:59:59.999Z", 100, 10, 300));
        publish(event("alice", "payments", "2026-11-21T00:00:00Z", 100, 10, 300));
        publish(event("bob", "payments", "2026-11-21T08:00:00Z", 50, 5, 150));
        publish(event("carol", "search", "2026-11-21T09:00:00Z", 7, 1, 11));

        var users = driver.<String, SpendTotals>getKeyValueStore(SpendTopology.USER_DAY_STORE);
        var teams = driver.<String, SpendTotals>getKeyValueStore(SpendTopology.TEAM_DAY_STORE);
        assertThat(users.get("2026-11-20|alice")).isEqualTo(new SpendTotals(1, 100, 10, 300));
        assertThat(users.get("2026-11-21|alice")).isEqualTo(new SpendTotals(1, 100, 10, 300));
        assertThat(teams.get("2026-11-21|payments")).isEqualTo(new SpendTotals(2, 150, 15, 450));
        assertThat(teams.get("2026-11-21|search")).isEqualTo(new SpendTotals(1, 7, 1, 11));
    }

    @Test
    void aRecordThatIsNotAUsageEventIsSkipped() {
        usage.pipeInput("mallory", "{not json".getBytes());
        publish(event("alice", "payments", "2026-11-21T10:00:00Z", 1, 1, 1));

        var users = driver.<String, SpendTotals>getKeyValueStore(SpendTopology.USER_DAY_STORE);
        assertThat(users.get("2026-11-21|alice")).isEqualTo(new SpendTotals(1, 1, 1, 1));
        assertThat(users.approximateNumEntries()).isEqualTo(1);
    }
}
