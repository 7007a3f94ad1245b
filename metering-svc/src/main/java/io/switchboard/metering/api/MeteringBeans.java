package io.switchboard.metering.api;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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

    /** @param advertised this instance's {@code host:port} as other instances reach it, also given to Kafka Streams */
    @Produces
    @ApplicationScoped
    SpendCluster cluster(KafkaStreams streams, MeteringConfig config,
            @ConfigProperty(name = "kafka-streams.application.server") String advertised) {
        return new SpendCluster(streams, HostInfo.buildFromEndpoint(advertised), config.peerTimeout());
    }
}
