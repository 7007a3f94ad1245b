package io.switchboard.breaker;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.smallrye.common.annotation.Identifier;
import io.switchboard.breaker.config.BreakerConfig;
import io.switchboard.breaker.session.ConfirmationTokens;
import io.switchboard.breaker.session.Questions;
import io.switchboard.runtime.kafka.KafkaConnection;

/**
 * The breaker's shared pieces: the token signer, the question writer, the Kafka connection every client starts from,
 * the producer of answers and decisions.
 */
@ApplicationScoped
class BreakerBeans {

    @Produces
    @ApplicationScoped
    ConfirmationTokens tokens(BreakerConfig config) {
        return new ConfirmationTokens(config.tokenSecret());
    }

    @Produces
    @ApplicationScoped
    Questions questions(ConfirmationTokens tokens, BreakerConfig config) {
        return new Questions(tokens, config.publicUrl(), config.answerWindow());
    }

    @Produces
    @ApplicationScoped
    KafkaConnection kafka(@Identifier("default-kafka-broker") Map<String, Object> config) {
        return KafkaConnection.of(config);
    }

    @Produces
    @ApplicationScoped
    KafkaProducer<String, byte[]> producer(KafkaConnection kafka) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "breaker-answers");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(kafka.with(props), new StringSerializer(), new ByteArraySerializer());
    }

    void close(@Disposes KafkaProducer<String, byte[]> producer) {
        producer.close(Duration.ofSeconds(5));
    }
}
