package io.switchboard.metering.api;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.switchboard.events.DecisionFeed;
import io.switchboard.metering.MeteringConfig;
import io.switchboard.metering.access.KeyRing;
import io.switchboard.metering.budget.BudgetBook;
import io.switchboard.metering.cluster.SpendCluster;

/** Wires the plain classes of access, budgets, decisions and cluster into CDI. */
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
    DecisionFeed decisions(@ConfigProperty(name = "kafka.bootstrap.servers") String servers) {
        return new DecisionFeed(servers, "metering-decisions", (subject, previous, current) -> {
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
