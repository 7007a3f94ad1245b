package io.switchboard.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.router.identity.ApiKeys;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.KafkaBroker;

/**
 * Everything a router test runs against: a real Kafka broker in the JVM, two fake OpenAI upstreams over HTTP, and a
 * routing file that chains them.
 */
public class RouterTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String KEY = "sk-test-alice";

    static KafkaBroker broker;
    static FakeOpenAi primary;
    static FakeOpenAi backup;

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.start();
        primary = FakeOpenAi.start();
        backup = FakeOpenAi.start();
        var routing = """
                defaults:
                  # Faults injected by one test must not open a circuit for the next; BreakerTest opens its own.
                  circuitBreaker: {window: 1000}
                providers:
                  primary:
                    type: openai
                    baseUrl: %s
                    timeouts: {connect: 1s, firstByte: 1s}
                  backup:
                    type: openai
                    baseUrl: %s
                    timeouts: {connect: 1s, firstByte: 1s}
                  refused:
                    type: openai
                    baseUrl: http://127.0.0.1:%d/v1
                  sim:
                    type: simulated
                    latency: 5ms
                    chunkInterval: 1ms
                models:
                  gpt-4o:
                    deployments:
                      - {provider: primary, model: gpt-4o}
                      - {provider: backup, model: gpt-4o-mini}
                  behind-a-closed-port:
                    deployments:
                      - {provider: refused, model: gpt-4o}
                      - {provider: backup, model: gpt-4o-mini}
                  primary-only:
                    deployments:
                      - {provider: primary, model: gpt-4o}
                  sim-model:
                    deployments:
                      - {provider: sim, model: sim-small}
                prices:
                  version: test-2026-11
                  models:
                    gpt-4o: {input: 2500000, cachedInput: 1250000, output: 10000000}
                    gpt-4o-mini: {input: 150000, output: 600000}
                    sim-small: {input: 100000, output: 400000}
                keys:
                  - {id: alice-key, sha256: %s, user: alice, team: payments}
                """.formatted(primary.baseUrl(), backup.baseUrl(), closedPort(), ApiKeys.sha256Hex(KEY));
        try {
            var file = Files.createTempFile("routing-", ".yaml");
            Files.writeString(file, routing);
            return Map.of(
                    "switchboard.router.routing-file", file.toString(),
                    "switchboard.router.max-body-size", "64K",
                    "kafka.bootstrap.servers", broker.bootstrapServers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on: connections to it are refused at once. */
    private static int closedPort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        primary.close();
        backup.close();
        broker.close();
    }
}
