package io.switchboard.metering.cluster;

import static io.switchboard.metering.UsageEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.metering.aggregate.SpendMeters;
import io.switchboard.metering.aggregate.SpendTopology;
import io.switchboard.metering.aggregate.SpendTotals;
import io.switchboard.metering.budget.BudgetBook;
import io.switchboard.metering.cluster.Partials.SessionsRequest;
import io.switchboard.metering.cluster.Partials.SpendRequest;
import io.switchboard.metering.query.Group;
import io.switchboard.metering.query.QueryParser;
import io.switchboard.metering.query.SpendQuery;
import io.switchboard.metering.topology.MeteringTopology;
import io.switchboard.testing.KafkaBroker;

/**
 * Two metering instances (Kafka Streams plus a small HTTP server for the internal endpoints each) in one JVM against
 * a real broker: the usage topic's three partitions are split between them, and either answers for all of them.
 */
class SpendClusterTest {

    private static final int USERS = 24;

    private static KafkaBroker broker;
    private static Instance first;
    private static Instance second;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start();
        broker.createSwitchboardTopics();
        first = Instance.start(broker.bootstrapServers());
        second = Instance.start(broker.bootstrapServers());
        // user i of team t(i % 2) spends (i + 1) * 1000 micro-USD, with a session each, twice over (a redelivery)
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < USERS; i++) {
                var event = usage("user-" + i, "t" + i % 2, "2026-11-21T10:00:00Z").cost((i + 1) * 1000L)
                        .session("s-" + i).build();
                for (int copy = 0; copy < 2; copy++) {
                    producer.send(new ProducerRecord<>(Topics.USAGE, event.userId(), EventJson.write(event))).get();
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        for (var instance : new Instance[]{first, second}) {
            if (instance != null) {
                instance.close();
            }
        }
        broker.close();
    }

    @Test
    void eitherInstanceAnswersForEveryPartitionExactly() {
        var byTeam = query("groupBy", "team");
        long expected = (long) USERS * (USERS + 1) / 2 * 1000;

        // the partitions are split: neither instance holds every user
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> {
                    assertThat(total(first.cluster.spend(byTeam, null))).isEqualTo(expected);
                    assertThat(first.ownedPartitions()).isNotEmpty();
                    assertThat(second.ownedPartitions()).isNotEmpty();
                });
        var fromSecond = second.cluster.spend(byTeam, null);
        assertThat(fromSecond).isEqualTo(first.cluster.spend(byTeam, null));
        assertThat(fromSecond.get(new Group("", List.of("t0"))).requests()).isEqualTo(USERS / 2);
        long local = total(first.cluster.localSpend(byTeam, first.ownedPartitions()).rows().stream()
                .collect(HashMap<Group, SpendTotals>::new,
                        (m, r) -> m.put(new Group(r.period(), r.values()), r.totals()), Map::putAll));
        assertThat(local).isPositive().isLessThan(expected);

        // a query for users asks only their partitions, wherever they are
        for (int i = 0; i < USERS; i++) {
            var one = query("groupBy", "user", "user", "user-" + i);
            assertThat(total(first.cluster.spend(one, null))).isEqualTo((i + 1) * 1000L);
            assertThat(second.cluster.sessions(new QueryParser(400, 92, Instant.parse("2026-11-30T00:00:00Z"))
                    .sessions(Map.of("user", List.of("user-" + i)), "s-" + i), null))
                    .singleElement().satisfies(s -> assertThat(s.totals().requests()).isEqualTo(1));
        }
    }

    private static SpendQuery query(String... params) {
        var map = new HashMap<String, List<String>>(Map.of("from", List.of("2026-11-01"), "to",
                List.of("2026-11-30")));
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], List.of(params[i + 1]));
        }
        return new QueryParser(400, 92, Instant.parse("2026-11-30T00:00:00Z")).spend(map);
    }

    private static long total(Map<Group, SpendTotals> totals) {
        return totals.values().stream().mapToLong(SpendTotals::costMicros).sum();
    }

    /** One metering instance: its streams, its cluster view, and an HTTP server for the internal endpoints. */
    private record Instance(KafkaStreams streams, SpendCluster cluster, HttpServer http) {

        static Instance start(String bootstrap) throws IOException {
            var http = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            var props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "metering-cluster-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("metering-cluster-").toString());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:" + http.getAddress().getPort());
            props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    LogAndContinueExceptionHandler.class);
            var streams = new KafkaStreams(MeteringTopology.build(new SpendTopology.Retention(Duration.ofDays(7),
                    Duration.ofDays(30), Duration.ofDays(100), Duration.ofDays(800)),
                    new SpendMeters(new SimpleMeterRegistry()), BudgetBook.of(List.of()), Clock.systemUTC(),
                    Duration.ofSeconds(1)), props);
            var cluster = new SpendCluster(streams, Duration.ofSeconds(5));
            http.createContext(Partials.SPEND_PATH, exchange -> answer(exchange, body -> {
                var request = Partials.read(body, SpendRequest.class);
                return cluster.localSpend(request.query(), request.partitions());
            }));
            http.createContext(Partials.SESSIONS_PATH, exchange -> answer(exchange, body -> {
                var request = Partials.read(body, SessionsRequest.class);
                return cluster.localSessions(request.query(), request.partitions());
            }));
            http.start();
            streams.start();
            return new Instance(streams, cluster, http);
        }

        /** The usage partitions this instance owns (the spend is kept per usage partition). */
        Set<Integer> ownedPartitions() {
            var owned = new java.util.TreeSet<Integer>();
            streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks()
                    .forEach(task -> task.topicPartitions().stream().filter(p -> p.topic().equals(Topics.USAGE))
                            .forEach(p -> owned.add(p.partition()))));
            return owned;
        }

        private static void answer(HttpExchange exchange, java.util.function.Function<byte[], Object> handler)
                throws IOException {
            try (exchange) {
                byte[] reply;
                int status = 200;
                try {
                    reply = Partials.write(handler.apply(exchange.getRequestBody().readAllBytes()));
                } catch (RuntimeException e) {
                    reply = e.toString().getBytes();
                    status = 503;
                }
                exchange.sendResponseHeaders(status, reply.length);
                exchange.getResponseBody().write(reply);
            }
        }

        void close() {
            streams.close(Duration.ofSeconds(10));
            http.stop(0);
        }
    }
}
