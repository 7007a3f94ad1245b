package io.switchboard.router;

import java.io.IOException;
import java.io.UncheckedIOException;
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
                providers:
                  primary:
                    type: openai
                    baseUrl: %s
                    timeouts: {connect: 1s, firstByte: 1s}
                  backup:
                    type: openai
                    baseUrl: %s
                    timeouts: {connect: 1s, firstByte: 1s}
                  sim:
                    type: simulated
                    latency: 5ms
                    chunkInterval: 1ms
                models:
                  gpt-4o:
                    chain:
                      - {provider: primary, model: gpt-4o}
                      - {provider: backup, model: gpt-4o-mini}
                  primary-only:
                    chain:
                      - {provider: primary, model: gpt-4o}
                  sim-model:
                    chain:
                      - {provider: sim, model: sim-small}
                prices:
                  version: test-2026-11
                  models:
                    gpt-4o: {input: 2500000, cachedInput: 1250000, output: 10000000}
                    gpt-4o-mini: {input: 150000, output: 600000}
                    sim-small: {input: 100000, output: 400000}
                keys:
                  - {id: alice-key, sha256: %s, user: alice, team: payments}
                """.formatted(primary.baseUrl(), backup.baseUrl(), ApiKeys.sha256Hex(KEY));
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

    @Override
    public void stop() {
        primary.close();
        backup.close();
        broker.close();
    }
}
