package io.switchboard.metering.api;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.streams.KafkaStreams;

import io.smallrye.common.annotation.Identifier;
import io.switchboard.metering.MeteringConfig;
import io.switchboard.metering.access.KeyRing;
import io.switchboard.metering.budget.BudgetBook;
import io.switchboard.metering.cluster.SpendCluster;
import io.switchboard.runtime.kafka.DecisionFeed;
import io.switchboard.runtime.kafka.KafkaConnection;

/** Wires the plain classes of access, budgets, the Kafka connection, decisions and cluster into CDI. */
class MeteringBeans {

    @Produces
    @ApplicationScoped
    KeyRing keyRing(MeteringConfig config) {
        return new KeyRing(config.routingFile(), config.keysCheckInterval(), Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    BudgetBook budgets(MeteringConfig config) {
        return BudgetBook.watching(config.routingFile(), config.keysCheckInterval(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    KafkaConnection kafka(@Identifier("default-kafka-broker") Map<String, Object> config) {
        return KafkaConnection.of(config);
    }

    @Produces
    @Singleton
    DecisionFeed decisions(KafkaConnection kafka) {
        return new DecisionFeed(kafka, "metering-decisions", (subject, previous, current) -> {
        });
    }

    void close(@Disposes DecisionFeed decisions) {
        decisions.close();
    }

    @Produces
    @ApplicationScoped
    SpendCluster cluster(KafkaStreams streams, MeteringConfig config) {
        return new SpendCluster(streams, config.peerTimeout());
    }
}
