package io.switchboard.breaker.session;

import java.time.Duration;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

import io.switchboard.events.JsonSerde;
import io.switchboard.events.Topics;
import io.switchboard.runtime.streams.Deduplicator;

/**
 * The sessions branch of the breaker's topology: usage events, deduplicated, feed the {@link RunawayDetector}; owners'
 * answers, on the breaker's own answers topic (partitioned by user like usage), feed the {@link AnswerApplier}; both
 * share the session store. The detector's steps go to the topic of their kind: questions to
 * {@link Topics#CONFIRMATIONS}, pauses to {@link Topics#DECISIONS}.
 */
public final class SessionTopology {

    /** The breaker's own topic of answers, keyed by user; as many partitions as the usage topic. */
    public static final String ANSWERS = "switchboard.breaker.answers.v1";
    public static final String SESSIONS_STORE = "sessions";
    static final String USERS_STORE = "user-baselines";
    static final String SEEN_STORE = "seen-event-ids";

    private SessionTopology() {
    }

    public static void add(StreamsBuilder builder, Function<String, SessionRules> rules, Questions questions,
            Duration idleGap, Duration checkInterval) {
        builder.addStateStore(Deduplicator.store(SEEN_STORE, Duration.ofDays(2)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SESSIONS_STORE),
                Serdes.String(), new JsonSerde<>(SessionState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(USERS_STORE),
                Serdes.String(), new JsonSerde<>(UserBaseline.class)));
        builder.stream(Topics.USAGE, Consumed.with(Serdes.String(), JsonSerde.usageEvents())
                .withTimestampExtractor(Deduplicator.TIMESTAMPS))
                // Requests outside any session are most of the traffic and nothing to follow: drop them first.
                .filter((user, event) -> event != null && !event.sessionId().isEmpty())
                .processValues(() -> new Deduplicator(SEEN_STORE, () -> {
                }, () -> {
                }), SEEN_STORE)
                .process(() -> new RunawayDetector(rules, questions, idleGap, checkInterval), SESSIONS_STORE,
                        USERS_STORE)
                .to((key, step, context) -> step.topic(), Produced.with(Serdes.String(), SessionStep.SERDE));
        builder.stream(ANSWERS, Consumed.with(Serdes.String(), new JsonSerde<>(SessionAnswer.class)))
                .process(() -> new AnswerApplier(rules), SESSIONS_STORE);
    }

    static String sessionKey(String user, String session) {
        return user + "|" + session;
    }
}
