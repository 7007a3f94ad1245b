package io.switchboard.breaker.confirm;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

import io.switchboard.events.Confirmation;
import io.switchboard.events.JsonSerde;
import io.switchboard.events.Topics;

/**
 * The questions branch of the breaker's topology: the latest step of every question, read from
 * {@link Topics#CONFIRMATIONS} into a table that the answer endpoint queries.
 */
public final class QuestionTable {

    static final String STORE = "confirmations";

    private QuestionTable() {
    }

    public static void add(StreamsBuilder builder) {
        builder.table(Topics.CONFIRMATIONS, Consumed.with(Serdes.String(), new JsonSerde<>(Confirmation.class)),
                Materialized.<String, Confirmation, KeyValueStore<Bytes, byte[]>>as(STORE));
    }
}
