package io.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link KafkaBroker} with Switchboard's topics for a Quarkus test and points the application at it, with a fresh
 * Kafka Streams state directory for every run.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker broker;

    /** The broker of the running test, for tests that publish or read records themselves. */
    public static KafkaBroker broker() {
        return broker;
    }

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.start();
        broker.createSwitchboardTopics();
        try {
            var stateDir = Files.createTempDirectory("kafka-streams-");
            return Map.of(
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers(),
                    "kafka-streams.state.dir", stateDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
