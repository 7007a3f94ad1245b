package io.switchboard.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.events.Keys;
import io.switchboard.router.wire.FakeVendor;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.KafkaBroker;

/**
 * Everything a router test runs against: a real Kafka broker in the JVM, two fake OpenAI upstreams over HTTP, and a
 * routing file that chains them.
 */
public class RouterTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String KEY = "sk-test-alice";
    public static final String ADMIN_KEY = "sk-test-admin";
    /** Bob's key has a daily budget of 5 cents. */
    public static final String BUDGETED_KEY = "sk-test-bob";
    /** The fake upstreams' timeouts: to the headers, to the first token, between chunks, for the whole answer. */
    public static final Duration FIRST_BYTE = Duration.ofSeconds(1);
    public static final Duration FIRST_TOKEN = Duration.ofSeconds(1);
    public static final Duration IDLE = Duration.ofSeconds(1);
    public static final Duration TOTAL = Duration.ofSeconds(3);

    static Path routingFile;
    static KafkaBroker broker;

    public static KafkaBroker broker() {
        return broker;
    }
    static FakeOpenAi primary;
    static FakeOpenAi backup;
    public static FakeVendor vendor;

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.start();
        broker.createSwitchboardTopics();
        primary = FakeOpenAi.start();
        backup = FakeOpenAi.start();
        vendor = FakeVendor.start();
        var routing = """
                defaults:
                  # Faults injected by one test must not open a circuit for the next; BreakerTest opens its own.
                  circuitBreaker: {window: 1000}
                providers:
                  primary:
                    type: openai
                    baseUrl: %s
                    timeouts: {connect: 1s, firstByte: 1s, firstToken: 1s, idle: 1s, total: 3s}
                  backup:
                    type: openai
                    baseUrl: %s
                    timeouts: {connect: 1s, firstByte: 1s, firstToken: 1s, idle: 1s, total: 3s}
                  refused:
                    type: openai
                    baseUrl: http://127.0.0.1:%d/v1
                  sim:
                    type: simulated
                    latency: 5ms
                    chunkInterval: 1ms
                  sim-teacher: {type: simulated, latency: 5ms, chunkInterval: 1ms, task: tickets}
                  openai: {type: openai, baseUrl: VENDOR_URL/v1, apiKeyEnv: FAKE_VENDOR_KEY}
                  compatible: {type: openai-compatible, baseUrl: VENDOR_URL/v1, apiKeyEnv: FAKE_VENDOR_KEY}
                  azure: {type: azure, baseUrl: VENDOR_URL, apiKeyEnv: FAKE_VENDOR_KEY}
                  anthropic: {type: anthropic, baseUrl: VENDOR_URL, apiKeyEnv: FAKE_VENDOR_KEY}
                  gemini: {type: gemini, baseUrl: VENDOR_URL, apiKeyEnv: FAKE_VENDOR_KEY}
                models:
                  ticket-teacher: {deployments: [{provider: sim-teacher, model: gpt-4o}]}
                  via-openai: {deployments: [{provider: openai, model: gpt-5-upstream}]}
                  via-compatible: {deployments: [{provider: compatible, model: qwen-upstream}]}
                  via-azure: {deployments: [{provider: azure, model: gpt-4o-deployment}]}
                  via-anthropic: {deployments: [{provider: anthropic, model: claude-upstream}]}
                  via-gemini: {deployments: [{provider: gemini, model: gemini-upstream}]}
                  strict-gemini: {unsupportedTools: refuse, deployments: [{provider: gemini, model: gemini-upstream}]}
                  gpt-4o:
                    deployments:
                      - {provider: primary, model: gpt-4o}
                      - {provider: backup, model: gpt-4o-mini}
                  behind-a-closed-port:
                    deployments:
                      - {provider: refused, model: gpt-4o}
                      - {provider: backup, model: gpt-4o-mini}
                  gone-model:
                    deployments:
                      - {provider: primary, model: gone-upstream}
                      - {provider: backup, model: gpt-4o-mini}
                  retired-model:
                    deployments: [{provider: primary, model: gone-upstream}]
                    retiresAt: 2025-01-01T00:00:00Z
                    successor: sim-model
                  primary-only:
                    deployments:
                      - {provider: primary, model: gpt-4o}
                  sim-model:
                    aliases: [sim-alias]
                    deployments:
                      - {provider: sim, model: sim-small}
                prices:
                  version: test-2026-11
                  models:
                    gpt-4o: {input: 2500000, cachedInput: 1250000, output: 10000000}
                    gpt-4o-mini: {input: 150000, output: 600000}
                    sim-small: {input: 100000, output: 400000}
                    gone-upstream: {input: 1, output: 1}
                    gpt-5-upstream: {input: 1250000, cachedInput: 125000, output: 10000000}
                    qwen-upstream: {input: 100000, output: 100000}
                    gpt-4o-deployment: {input: 2500000, output: 10000000}
                    claude-upstream: {input: 3000000, cachedInput: 300000, cacheWrite: 3750000, output: 15000000}
                    gemini-upstream: {input: 1250000, cachedInput: 312500, output: 10000000}
                keys:
                  - {id: alice-key, sha256: %s, user: alice, team: payments}
                  - {id: bob-key, sha256: %s, user: bob, team: research}
                adminKeys:
                  - {id: platform, sha256: %s}
                budgets:
                  - {subject: key:bob-key, period: day, hard: "0.05"}
                  - {subject: team:research, period: month, soft: "40", hard: "50"}
                capture:
                  support-triage:
                    sampleRate: 1
                    maxExampleBytes: 4096
                    retention: 14d
                    redact: [email, key, number]
                    patterns: [{pattern: 'ACME-[A-Z]+', replacement: '[ticket]'}]
                """.formatted(primary.baseUrl(), backup.baseUrl(), closedPort(), Keys.sha256Hex(KEY),
                Keys.sha256Hex(BUDGETED_KEY), Keys.sha256Hex(ADMIN_KEY));
        routing = routing.replace("VENDOR_URL", vendor.url());
        try {
            routingFile = Files.createTempFile("routing-", ".yaml");
            Files.writeString(routingFile, routing);
            return Map.of(
                    "switchboard.router.reload-interval", "200ms",
                    "switchboard.router.routing-file", routingFile.toString(),
                    "switchboard.router.max-body-size", "256K",
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "switchboard.router.usage.spool-dir", Files.createTempDirectory("usage-spool-").toString(),
                    "switchboard.router.traces.spool-dir", Files.createTempDirectory("traces-spool-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on: connections to it are refused at once. */
    static int closedPort() {
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
        vendor.close();
        broker.close();
    }
}
