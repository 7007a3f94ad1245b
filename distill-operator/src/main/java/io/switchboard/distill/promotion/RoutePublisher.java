package io.switchboard.distill.promotion;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.switchboard.events.EventJson;
import io.switchboard.events.StudentRoute;
import io.switchboard.events.Topics;
import io.switchboard.runtime.kafka.KafkaConnection;

/**
 * Puts promoted students' routes on {@link Topics#ROUTES}, and tombstones that withdraw them. Each send waits until
 * every in-sync replica has the record, so that a route the status calls published is one the routers will read. The
 * producer is made at the first send: an operator that never promotes never needs Kafka.
 */
@ApplicationScoped
public class RoutePublisher {

    private static final Logger LOGGER = Logger.getLogger(RoutePublisher.class);
    private static final long SEND_TIMEOUT_MS = 15_000;

    private final Map<String, Object> settings;
    private Producer<String, byte[]> producer;

    public RoutePublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        Map<String, Object> own = new HashMap<>();
        own.put(ProducerConfig.CLIENT_ID_CONFIG, "distill-operator-routes");
        own.put(ProducerConfig.ACKS_CONFIG, "all");
        own.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // a send waits this long for the topic's metadata, then the record this long to be acknowledged
        own.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        own.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        own.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        settings = KafkaConnection.of(kafka).with(own);
    }

    public void publish(StudentRoute route) throws PublishException {
        send(route.job(), EventJson.write(route));
        LOGGER.infof("route published: job=%s model=%s workload=%s student=%s", route.job(), route.model(),
                route.workload(), route.student());
    }

    /** @param job the route's key, {@code <namespace>/<name>} */
    public void withdraw(String job) throws PublishException {
        send(job, null);
        LOGGER.infof("route withdrawn: job=%s", job);
    }

    private void send(String key, byte[] value) throws PublishException {
        try {
            producer().send(new ProducerRecord<>(Topics.ROUTES, key, value)).get(SEND_TIMEOUT_MS,
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new PublishException(e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw new PublishException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException(e);
        }
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Kafka did not take the record in time; a later try may succeed. */
    public static final class PublishException extends Exception {

        private static final long serialVersionUID = 1L;

        PublishException(Throwable cause) {
            super(Topics.ROUTES + " did not take the record: " + cause, cause);
        }
    }
}
