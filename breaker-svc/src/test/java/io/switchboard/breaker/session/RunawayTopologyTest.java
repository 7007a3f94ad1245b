package io.switchboard.breaker.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.switchboard.breaker.topology.BreakerTopology;
import io.switchboard.events.ClientInfo;
import io.switchboard.events.Confirmation;
import io.switchboard.events.Decision;
import io.switchboard.events.EventJson;
import io.switchboard.events.Tokens;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;

/** Sessions driven through the breaker's topology on a fake clock: event times and the wall clock move by hand. */
class RunawayTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    private static final SessionRules RULES = new SessionRules(Duration.ofHours(10), 1_000_000, 1_000_000_000L, 5,
            1_000_000, 5, SessionRules.Policy.PAUSE_AFTER, Duration.ofMinutes(15));

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> usage;
    private TestInputTopic<String, byte[]> answers;
    private TestOutputTopic<String, byte[]> confirmations;
    private TestOutputTopic<String, byte[]> decisions;

    @BeforeEach
    void start() throws Exception {
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "breaker-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("breaker-test").toString());
        var questions = new Questions(new ConfirmationTokens("test-secret-of-length"), "http://breaker",
                Duration.ofHours(24));
        driver = new TopologyTestDriver(BreakerTopology.build(team -> RULES, questions, Duration.ofMinutes(30),
                Duration.ofMinutes(1)), props, T0);
        usage = driver.createInputTopic(Topics.USAGE, new StringSerializer(), new ByteArraySerializer());
        answers = driver.createInputTopic(SessionTopology.ANSWERS, new StringSerializer(), new ByteArraySerializer());
        confirmations = driver.createOutputTopic(Topics.CONFIRMATIONS, new StringDeserializer(),
                new ByteArrayDeserializer());
        decisions = driver.createOutputTopic(Topics.DECISIONS, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** One request every ten minutes from {@code from} for {@code hours}, each of {@code tokens} tokens. */
    private void work(String session, Instant from, double hours, long tokens, String fingerprint) {
        for (var at = from; at.isBefore(from.plusSeconds((long) (hours * 3600))); at = at.plusSeconds(600)) {
            request(session, at, tokens, 1_000, fingerprint);
        }
    }

    private void request(String session, Instant at, long tokens, long costMicros, String fingerprint) {
        var event = new UsageEvent(UUID.randomUUID(), at, UsageEvent.SCHEMA_VERSION, UUID.randomUUID().toString(),
                "alice", "payments", "key-alice", session, new ClientInfo("claude-code", "2.0.14"), "",
                UsageEvent.Api.OPENAI_CHAT, "claude-sonnet", "claude-sonnet", "anthropic", List.of(), true,
                UsageEvent.Outcome.OK, 200, new Tokens(tokens, tokens / 2, 0, 10, 4), costMicros, "v1", 100, 50, false,
                fingerprint == null ? UUID.randomUUID().toString() : fingerprint, 0);
        usage.pipeInput("alice", EventJson.write(event));
    }

    private List<Confirmation> questions() {
        return confirmations.readValuesToList().stream().map(v -> EventJson.read(v, Confirmation.class)).toList();
    }

    @Test
    void aTenHourHeavySessionIsAskedAboutExactlyOnce() {
        // when: eleven hours of work, 20,000 tokens a request
        work("long", T0, 11, 20_000, null);

        // then
        var asked = questions();
        assertThat(asked).singleElement().satisfies(q -> {
            assertThat(q.kind()).isEqualTo(Confirmation.Kind.REQUESTED);
            assertThat(q.rule()).isEqualTo("duration");
            assertThat(q.sessionId()).isEqualTo("long");
            assertThat(q.activeMinutes()).isGreaterThanOrEqualTo(600);
            assertThat(q.client()).isEqualTo("claude-code");
            assertThat(q.models()).containsExactly("claude-sonnet");
        });
        var session = driver.<String, SessionState>getKeyValueStore(SessionTopology.SESSIONS_STORE).get("alice|long");
        assertThat(session.requests()).isEqualTo(66);
        assertThat(session.tokensByKind()).isEqualTo(new Tokens(66 * 20_000, 66 * 10_000, 0, 660, 264));
    }

    @Test
    void aShortSessionIsNeverAsked() {
        work("short", T0, 2, 200_000, null);

        assertThat(questions()).isEmpty();
    }

    @Test
    void aLongButLightSessionIsNeverAsked() {
        work("light", T0, 12, 100, null);

        assertThat(questions()).isEmpty();
    }

    @Test
    void continueLetsTheSessionRunToTheNextThreshold() {
        // given: the question about a long session
        work("long", T0, 10.5, 20_000, null);
        var question = questions().get(0);

        // when: the owner says continue, for two more hours
        answers.pipeInput("alice", EventJson.write(new SessionAnswer(question.id(), "long", "alice", true, 2,
                T0.plusSeconds(38_000))));
        work("long", T0.plusSeconds(37_800), 1.5, 20_000, null);

        // then: nothing until the two hours are up, then a new question
        assertThat(questions()).isEmpty();
        work("long", T0.plusSeconds(37_800 + 5_400), 1, 20_000, null);
        assertThat(questions()).singleElement().satisfies(q -> assertThat(q.id()).isNotEqualTo(question.id()));
    }

    @Test
    void anUnansweredSessionIsPausedAfterItsGrace() {
        work("long", T0, 10.5, 20_000, null);
        assertThat(questions()).hasSize(1);

        // the question was asked at ten hours of event time; the grace is 15 minutes of wall-clock time
        driver.advanceWallClockTime(Duration.ofHours(10).plusMinutes(5));
        assertThat(decisions.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofMinutes(15));

        assertThat(questions()).extracting(Confirmation::kind).containsExactly(Confirmation.Kind.PAUSED);
        var pause = EventJson.read(decisions.readValue(), Decision.class);
        assertThat(pause.subject()).isEqualTo("session:long");
        assertThat(pause.action()).isEqualTo(Decision.Action.PAUSE);
        assertThat(pause.confirmUrl()).startsWith("http://breaker/confirm?token=");
        assertThat(pause.message()).contains("claude-code session");
    }

    @Test
    void repeatingTheSameRequestLooksLikeALoop() {
        for (int i = 0; i < 5; i++) {
            request("looping", T0.plusSeconds(i * 30L), 1_000, 100, "c0ffee");
        }

        assertThat(questions()).singleElement().satisfies(q -> assertThat(q.rule()).isEqualTo("loop"));
    }

    @Test
    void spendingFarAboveTheOwnersUsualRateIsAsked() {
        // given: a finished session of two hours at $1 an hour, closed once idle
        work("usual", T0, 2, 1_000, null); // 12 requests of 1,000 micro-USD
        for (int i = 0; i < 12; i++) {
            request("usual", T0.plusSeconds(i * 600L + 300), 10, 166_666, null);
        }
        driver.advanceWallClockTime(Duration.ofHours(3));

        // when: a new session burns $2 every 10 minutes
        for (int i = 0; i < 4; i++) {
            request("hot", T0.plusSeconds(4 * 3600 + i * 600L), 10, 2_000_000, null);
        }

        // then
        assertThat(questions()).singleElement().satisfies(q -> assertThat(q.rule()).isEqualTo("burn-rate"));
    }
}
