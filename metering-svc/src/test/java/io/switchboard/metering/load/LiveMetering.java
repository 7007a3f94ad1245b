package io.switchboard.metering.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.EventJson;
import io.switchboard.events.Keys;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.ServiceProcess;

/**
 * A real broker in this JVM and the packaged metering service ({@code target/quarkus-app}) as a process of its own,
 * with a state folder that outlives the process (for a restart) and an admin key to query it.
 */
final class LiveMetering implements AutoCloseable {

    private static final String ADMIN_KEY = "sk-load-admin";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaBroker broker;
    private final Path folder;
    private final HttpClient http = HttpClient.newHttpClient();
    private ServiceProcess metering;

    private LiveMetering(KafkaBroker broker, Path folder) {
        this.broker = broker;
        this.folder = folder;
    }

    /** The broker with Switchboard's topics; metering starts with {@link #startMetering}. */
    static LiveMetering startBroker() throws IOException {
        var folder = Files.createTempDirectory("metering-load-");
        Files.writeString(folder.resolve("routing.yaml"), """
                keys: []
                adminKeys:
                  - {id: load-admin, sha256: %s}
                """.formatted(Keys.sha256Hex(ADMIN_KEY)));
        var broker = KafkaBroker.start();
        broker.createSwitchboardTopics();
        return new LiveMetering(broker, folder);
    }

    /** Starts metering and waits until it is ready. */
    ServiceProcess startMetering() {
        metering = ServiceProcess.start("metering-svc", Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "switchboard.metering.routing-file", folder.resolve("routing.yaml").toString(),
                "kafka-streams.state.dir", folder.resolve("state").toString(),
                // A restarted instance joins as a new member, and the group waits for the killed one's session to
                // end before it hands out the partitions again: 45 s by default, 10 s here.
                "kafka-streams.consumer.session.timeout.ms", "10000"));
        return metering;
    }

    /** A producer as the router's: idempotent, acks=all; {@code linger} trades latency for batching. */
    Publisher publisher(Duration linger) {
        return new Publisher(new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis()),
                new StringSerializer(), new ByteArraySerializer()));
    }

    /** The answer to {@code GET <pathAndQuery>} with the admin key; anything but 200 fails. */
    JsonNode get(String pathAndQuery) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(metering.baseUrl() + pathAndQuery))
                    .header("Authorization", "Bearer " + ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(pathAndQuery + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The requests metering has counted from {@code from} to {@code to} (dates, both included). */
    long requests(String from, String to) {
        return get("/v1/spend?from=" + from + "&to=" + to).path("total").path("requests").asLong();
    }

    @Override
    public void close() throws IOException {
        ServiceProcess.closeAll(metering, broker);
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Publishes usage events keyed by user, as the router does; a failed send fails the next {@link #flush}. */
    static final class Publisher implements AutoCloseable {

        private final KafkaProducer<String, byte[]> producer;
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        private Publisher(KafkaProducer<String, byte[]> producer) {
            this.producer = producer;
        }

        void publish(UsageEvent event) {
            producer.send(new ProducerRecord<>(Topics.USAGE, event.userId(), EventJson.write(event)),
                    (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
        }

        /** Waits until every event published so far is acknowledged. */
        void flush() {
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("a usage event was not published", failure.get());
            }
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
