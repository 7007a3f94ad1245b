package io.switchboard.metering.api;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.streams.KafkaStreams;

import io.switchboard.metering.MeteringConfig;
import io.switchboard.metering.access.KeyRing;
import io.switchboard.metering.cluster.SpendCluster;

/** Wires the plain classes of access and cluster into CDI. */
class MeteringBeans {

    @Produces
    @ApplicationScoped
    KeyRing keyRing(MeteringConfig config) {
        return new KeyRing(config.routingFile(), config.keysCheckInterval(), Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    SpendCluster cluster(KafkaStreams streams, MeteringConfig config) {
        return new SpendCluster(streams, config.peerTimeout());
    }
}
