package io.switchboard.metering.budget;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import io.switchboard.events.Decision;
import io.switchboard.events.JsonSerde;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;

/**
 * The budget branch of metering's topology: each counted event's cost is charged to its user, its team and its key,
 * moved to the partitions of those subjects (a repartition topic: a team's users live on many usage partitions), and
 * counted there by {@link BudgetKeeper}, whose standings and blocks go out on the decisions topic. The charge leaves
 * in the same transaction that counted the event, so a budget counts each event once, as the spend does.
 */
public final class BudgetTopology {

    private BudgetTopology() {
    }

    public static void add(StreamsBuilder builder, KStream<String, UsageEvent> counted, BudgetBook book, Clock clock,
            Duration standingInterval) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BudgetKeeper.DAYS_STORE),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(BudgetKeeper.PUBLISHED_STORE), Serdes.String(),
                new JsonSerde<>(Decision.class)));
        counted.flatMap(BudgetTopology::charges)
                .repartition(Repartitioned.<String, BudgetCharge>as("budget-charges")
                        .withKeySerde(Serdes.String()).withValueSerde(new BudgetCharge.BudgetChargeSerde()))
                .process(() -> new BudgetKeeper(book, clock, standingInterval), BudgetKeeper.DAYS_STORE,
                        BudgetKeeper.PUBLISHED_STORE)
                .to(Topics.DECISIONS, Produced.with(Serdes.String(), new JsonSerde<>(Decision.class)));
    }

    private static Iterable<KeyValue<String, BudgetCharge>> charges(String user, UsageEvent event) {
        var charges = new ArrayList<KeyValue<String, BudgetCharge>>(3);
        if (event.costMicros() > 0) {
            var charge = new BudgetCharge(event.time().toEpochMilli(), event.costMicros());
            charges.add(KeyValue.pair("user:" + event.userId(), charge));
            if (!event.teamId().isEmpty()) {
                charges.add(KeyValue.pair("team:" + event.teamId(), charge));
            }
            if (!event.keyId().isEmpty()) {
                charges.add(KeyValue.pair("key:" + event.keyId(), charge));
            }
        }
        return charges;
    }
}
