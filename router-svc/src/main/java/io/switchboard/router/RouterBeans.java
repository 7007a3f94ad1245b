package io.switchboard.router;

import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.smallrye.common.annotation.Identifier;
import io.switchboard.runtime.kafka.KafkaConnection;

/** The Kafka connection that every Kafka client of the router starts from: usage, decisions, routes, replicas. */
class RouterBeans {

    @Produces
    @Singleton
    KafkaConnection kafka(@Identifier("default-kafka-broker") Map<String, Object> config) {
        return KafkaConnection.of(config);
    }
}
