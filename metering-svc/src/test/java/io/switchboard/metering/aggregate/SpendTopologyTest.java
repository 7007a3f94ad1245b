package io.switchboard.metering.aggregate;

import static io.switchboard.metering.UsageEvents.event;
import static io.switchboard.metering.UsageEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.EventJson;
import io.switchboard.events.Tokens;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.metering.budget.BudgetBook;
import io.switchboard.metering.query.Group;
import io.switchboard.metering.query.QueryParser;
import io.switchboard.metering.query.SessionScan;
import io.switchboard.metering.query.SpendScan;
import io.switchboard.metering.topology.MeteringTopology;

class SpendTopologyTest {

    /** The wall clock of the test driver. */
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
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
        driver = new TopologyTestDriver(
                MeteringTopology.build(new SpendTopology.Retention(Duration.ofDays(7), Duration.ofDays(30),
                        Duration.ofDays(100), Duration.ofDays(800)), new SpendMeters(registry),
                        BudgetBook.of(List.of()), Clock.systemUTC(), Duration.ofSeconds(1)),
                props, NOW);
        usage = driver.createInputTopic(Topics.USAGE, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void publish(UsageEvent event) {
        usage.pipeInput(event.userId(), EventJson.write(event));
    }

    /** The query's totals per group, as {@code "period|value|value"}. */
    private Map<String, SpendTotals> spend(String... params) {
        var map = new HashMap<String, List<String>>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], List.of(params[i + 1]));
        }
        var query = new QueryParser(400, 92, Instant.parse("2026-12-31T00:00:00Z")).spend(map);
        var totals = new HashMap<Group, SpendTotals>();
        SpendScan.scan(driver.getKeyValueStore(SpendTopology.SPEND_STORE), query, totals);
        var named = new LinkedHashMap<String, SpendTotals>();
        totals.forEach((group, t) -> {
            var parts = new ArrayList<String>();
            parts.add(group.period());
            parts.addAll(group.values());
            named.put(String.join("|", parts), t);
        });
        return named;
    }

    private double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
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
        var alice = spend("groupBy", "user", "from", "2026-11-21", "to", "2026-11-21").get("|alice");
        assertThat(alice.requests()).isEqualTo(2);
        assertThat(alice.inputTokens()).isEqualTo(1010);
        assertThat(alice.outputTokens()).isEqualTo(205);
        assertThat(alice.costMicros()).isEqualTo(4521);
        assertThat(counter("switchboard.metering.events", "result", "counted")).isEqualTo(2);
        assertThat(counter("switchboard.metering.events", "result", "duplicate")).isEqualTo(2);
        assertThat(counter("switchboard.metering.spend.micros", "team", "payments")).isEqualTo(4521);
    }

    @Test
    void spendIsSummedPerUtcHourDayAndMonth() {
        // given
        publish(event("alice", "payments", "2026-11-20T23:59:59.999Z", 100, 10, 300));
        publish(event("alice", "payments", "2026-11-21T00:00:00Z", 100, 10, 300));
        publish(event("bob", "payments", "2026-11-21T00:30:00Z", 50, 5, 150));
        publish(event("carol", "search", "2026-11-21T09:00:00Z", 7, 1, 11));
        publish(event("carol", "search", "2026-12-01T00:00:00Z", 7, 1, 1_000_000));

        // then
        assertThat(spend("groupBy", "team", "from", "2026-11-01", "to", "2026-12-31", "granularity", "day"))
                .extractingFromEntries(e -> e.getKey() + "=" + e.getValue().costMicros())
                .containsExactlyInAnyOrder("2026-11-20|payments=300", "2026-11-21|payments=450",
                        "2026-11-21|search=11", "2026-12-01|search=1000000");
        assertThat(spend("groupBy", "team", "from", "2026-11-01", "to", "2026-12-31", "granularity", "month"))
                .extractingFromEntries(e -> e.getKey() + "=" + e.getValue().costMicros())
                .containsExactlyInAnyOrder("2026-11|payments=750", "2026-11|search=11", "2026-12|search=1000000");
        assertThat(spend("groupBy", "user", "from", "2026-11-20T23", "to", "2026-11-21T00", "granularity", "hour"))
                .extractingFromEntries(e -> e.getKey() + "=" + e.getValue().requests())
                .containsExactlyInAnyOrder("2026-11-20T23|alice=1", "2026-11-21T00|alice=1", "2026-11-21T00|bob=1");
        // hour buckets and day buckets are sums of the same events
        assertThat(spend("groupBy", "user", "from", "2026-11-21T00", "to", "2026-11-21T23"))
                .isEqualTo(spend("groupBy", "user", "from", "2026-11-21", "to", "2026-11-21"));
    }

    @Test
    void everyDimensionAndPairIsAnswerableWithFilters() {
        // given
        publish(usage("alice", "payments", "2026-11-21T10:00:00Z").model("gpt-4o", "openai").client("claude-code")
                .workload("ci").cost(1000).build());
        publish(usage("alice", "payments", "2026-11-21T10:05:00Z").model("claude-sonnet", "anthropic")
                .client("claude-code").cost(2000).build());
        publish(usage("bob", "payments", "2026-11-21T11:00:00Z").model("gpt-4o", "openai").client("cursor")
                .workload("ci").cost(400).build());
        publish(usage("carol", "search", "2026-11-21T12:00:00Z").model("gpt-4o", "azure").client("codex")
                .cost(30).build());
        var day = new String[]{"from", "2026-11-21", "to", "2026-11-21"};

        // then
        assertThat(costs(spend(with(day, "groupBy", "user,model")))).containsOnly(
                Map.entry("|alice|gpt-4o", 1000L), Map.entry("|alice|claude-sonnet", 2000L),
                Map.entry("|bob|gpt-4o", 400L), Map.entry("|carol|gpt-4o", 30L));
        assertThat(costs(spend(with(day, "groupBy", "team,model")))).containsOnly(
                Map.entry("|payments|gpt-4o", 1400L), Map.entry("|payments|claude-sonnet", 2000L),
                Map.entry("|search|gpt-4o", 30L));
        assertThat(costs(spend(with(day, "groupBy", "team,client")))).containsOnly(
                Map.entry("|payments|claude-code", 3000L), Map.entry("|payments|cursor", 400L),
                Map.entry("|search|codex", 30L));
        assertThat(costs(spend(with(day, "groupBy", "provider")))).containsOnly(
                Map.entry("|openai", 1400L), Map.entry("|anthropic", 2000L), Map.entry("|azure", 30L));
        assertThat(costs(spend(with(day, "groupBy", "workload", "team", "payments")))).containsOnly(
                Map.entry("|ci", 1400L), Map.entry("|", 2000L));
        assertThat(costs(spend(with(day, "groupBy", "user", "model", "gpt-4o", "client", "cursor,codex"))))
                .containsOnly(Map.entry("|bob", 400L), Map.entry("|carol", 30L));
        assertThat(costs(spend(with(day, "groupBy", "", "provider", "openai")))).containsOnly(Map.entry("", 1400L));
    }

    @Test
    void errorsTokenKindsAndLatencyAreSummed() {
        publish(usage("alice", "payments", "2026-11-21T10:00:00Z").tokens(new Tokens(1000, 600, 100, 300, 200))
                .latency(250).cost(9).build());
        publish(usage("alice", "payments", "2026-11-21T10:01:00Z").outcome(UsageEvent.Outcome.UPSTREAM_ERROR)
                .tokens(Tokens.NONE).latency(1750).cost(0).build());

        var alice = spend("groupBy", "model", "from", "2026-11-21", "to", "2026-11-21");

        // a failed request is grouped under the model it asked for
        assertThat(alice.get("|gpt-4o"))
                .isEqualTo(new SpendTotals(2, 1, 1000, 600, 100, 300, 200, 9, 2000, 0, 0, 0));
        assertThat(counter("switchboard.metering.tokens", "type", "cached_input", "client", "openai-sdk"))
                .isEqualTo(600);
    }

    @Test
    void sessionsAreTotalledPerUserAndSession() {
        // given: two users happen to send the same session id; one request has none
        publish(usage("alice", "payments", "2026-11-21T10:00:00Z").session("s-1").client("claude-code").cost(100)
                .build());
        publish(usage("alice", "payments", "2026-11-21T09:00:00Z").session("s-1").client("claude-code").cost(50)
                .build());
        publish(usage("alice", "payments", "2026-11-21T13:30:00Z").session("s-1").client("claude-code").cost(25)
                .build());
        publish(usage("bob", "payments", "2026-11-21T10:00:00Z").session("s-1").cost(7).build());
        publish(usage("bob", "payments", "2026-11-21T10:00:00Z").cost(7).build());

        // when
        var query = new QueryParser(400, 92, Instant.parse("2026-11-30T00:00:00Z"))
                .sessions(Map.of("user", List.of("alice")), null);
        var sessions = new ArrayList<SessionTotals>();
        SessionScan.scan(driver.getKeyValueStore(SpendTopology.SESSION_STORE), query, sessions);

        // then
        assertThat(sessions).singleElement().satisfies(s -> {
            assertThat(s.sessionId()).isEqualTo("s-1");
            assertThat(s.client()).isEqualTo("claude-code");
            assertThat(s.firstSeen()).isEqualTo("2026-11-21T09:00:00Z");
            assertThat(s.lastSeen()).isEqualTo("2026-11-21T13:30:00Z");
            assertThat(s.totals().requests()).isEqualTo(3);
            assertThat(s.totals().costMicros()).isEqualTo(175);
        });
        assertThat(driver.getKeyValueStore(SpendTopology.SESSION_STORE).approximateNumEntries()).isEqualTo(2);
    }

    @Test
    void bucketsOlderThanTheirRetentionAreDeleted() {
        // given: hours are kept 100 days, days 800
        publish(event("alice", "payments", "2024-06-01T10:00:00Z", 1, 1, 1));
        publish(event("alice", "payments", "2026-06-01T10:00:00Z", 1, 1, 10));
        publish(event("alice", "payments", "2026-11-20T10:00:00Z", 1, 1, 100));

        // when: the hourly clean-up runs
        driver.advanceWallClockTime(Duration.ofHours(1));

        // then
        var periods = new TreeSet<String>();
        try (var all = driver.<String, SpendTotals>getKeyValueStore(SpendTopology.SPEND_STORE).all()) {
            all.forEachRemaining(entry -> periods.add(entry.key.split(String.valueOf(SpendKey.SEP))[1]));
        }
        assertThat(periods).containsExactly("2026-06-01", "2026-11-20", "2026-11-20T10");
    }

    @Test
    void aRecordThatIsNotAUsageEventIsSkipped() {
        usage.pipeInput("mallory", "{not json".getBytes());
        publish(event("alice", "payments", "2026-11-21T10:00:00Z", 1, 1, 1));

        assertThat(spend("groupBy", "user", "from", "2026-11-21", "to", "2026-11-21")).containsOnlyKeys("|alice");
    }

    private static String[] with(String[] base, String... more) {
        var all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static Map<String, Long> costs(Map<String, SpendTotals> totals) {
        var costs = new HashMap<String, Long>();
        totals.forEach((k, v) -> costs.put(k, v.costMicros()));
        return costs;
    }
}
