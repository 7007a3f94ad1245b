package io.switchboard.breaker;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.switchboard.breaker.session.SessionTopology;

/**
 * The breaker's gauge of sessions followed by this instance. Its counters are kept where things happen: questions,
 * pauses and expiries by the notifier, answers and time to answer by the answer endpoint.
 */
@ApplicationScoped
@Startup
class BreakerMetrics {

    BreakerMetrics(MeterRegistry registry, KafkaStreams streams) {
        Gauge.builder("switchboard.breaker.sessions", streams, BreakerMetrics::sessions)
                .description("Sessions followed by this instance (approximate)")
                .register(registry);
    }

    private static double sessions(KafkaStreams streams) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(SessionTopology.SESSIONS_STORE,
                    QueryableStoreTypes.keyValueStore())).approximateNumEntries();
        } catch (InvalidStateStoreException e) {
            return Double.NaN;
        }
    }
}
