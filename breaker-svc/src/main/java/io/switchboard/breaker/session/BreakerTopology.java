package io.switchboard.breaker.session;

import java.time.Duration;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import io.switchboard.breaker.config.BreakerConfig;
import io.switchboard.events.Confirmation;
import io.switchboard.events.Decision;
import io.switchboard.events.EventJson;
import io.switchboard.events.JsonSerde;
import io.switchboard.events.Topics;
import io.switchboard.runtime.streams.Deduplicator;

/**
 * Usage events, deduplicated, feed the {@link RunawayDetector}; owners' answers, on the breaker's own answers topic
 * (partitioned by user like usage), feed the {@link AnswerApplier}; both share the session store. Questions go to
 * {@link Topics#CONFIRMATIONS}, pauses to {@link Topics#DECISIONS}; the latest step of every question is kept in a
 * queryable table.
 */
@ApplicationScoped
public class BreakerTopology {

    /** The breaker's own topic of answers, keyed by user; as many partitions as the usage topic. */
    public static final String ANSWERS = "switchboard.breaker.answers.v1";
    public static final String CONFIRMATIONS_STORE = "confirmations";
    public static final String SESSIONS_STORE = "sessions";
    static final String USERS_STORE = "user-baselines";
    static final String SEEN_STORE = "seen-event-ids";

    @Produces
    Topology topology(BreakerConfig config, Questions questions) {
        return build(team -> SessionRules.of(config, team), questions, config.idleGap(), config.checkInterval());
    }

    static Topology build(Function<String, SessionRules> rules, Questions questions,
            Duration idleGap, Duration checkInterval) {
        var builder = new StreamsBuilder();
        builder.addStateStore(Deduplicator.store(SEEN_STORE, Duration.ofDays(2)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SESSIONS_STORE),
                Serdes.String(), new JsonSerde<>(SessionState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(USERS_STORE),
                Serdes.String(), new JsonSerde<>(UserBaseline.class)));
        Serde<Object> json = Serdes.serdeFrom((topic, value) -> value == null ? null : EventJson.write(value),
                (topic, bytes) -> {
                    throw new UnsupportedOperationException("written only");
                });
        builder.stream(Topics.USAGE, Consumed.with(Serdes.String(), JsonSerde.usageEvents())
                .withTimestampExtractor(Deduplicator.TIMESTAMPS))
                // Requests outside any session are most of the traffic and nothing to follow: drop them first.
                .filter((user, event) -> event != null && !event.sessionId().isEmpty())
                .processValues(() -> new Deduplicator(SEEN_STORE, () -> {
                }, () -> {
                }), SEEN_STORE)
                .process(() -> new RunawayDetector(rules, questions, idleGap, checkInterval), SESSIONS_STORE,
                        USERS_STORE)
                .to((key, value, context) -> value instanceof Decision ? Topics.DECISIONS : Topics.CONFIRMATIONS,
                        Produced.with(Serdes.String(), json));
        builder.stream(ANSWERS, Consumed.with(Serdes.String(), new JsonSerde<>(SessionAnswer.class)))
                .process(() -> new AnswerApplier(rules), SESSIONS_STORE);
        builder.table(Topics.CONFIRMATIONS, Consumed.with(Serdes.String(), new JsonSerde<>(Confirmation.class)),
                Materialized.<String, Confirmation, KeyValueStore<Bytes, byte[]>>as(CONFIRMATIONS_STORE));
        return builder.build();
    }

    static String sessionKey(String user, String session) {
        return user + "|" + session;
    }
}
