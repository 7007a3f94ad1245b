package io.switchboard.distill.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.distill.report.EvaluationSummary.DatasetCounts;
import io.switchboard.events.EventJson;
import io.switchboard.events.Tokens;
import io.switchboard.events.Topics;
import io.switchboard.events.Trace;
import io.switchboard.testing.KafkaBroker;

/**
 * The dataset stage reading captured traffic from a real broker's traces topic: what it keeps (the teacher's own
 * answers to the workload's requests, newest first), what it leaves out and why, and how it says so.
 */
class TrafficDatasetTest {

    private static final String WORKLOAD = "support-triage";
    private static final String TEACHER = "ticket-teacher";
    private static KafkaBroker broker;

    @TempDir
    Path folder;

    @BeforeAll
    static void startKafka() {
        broker = KafkaBroker.start();
        broker.createSwitchboardTopics();
    }

    @AfterAll
    static void stopKafka() {
        broker.close();
    }

    @Test
    void theTeachersOwnAnswersOfTheWorkloadBecomeTheDataset() throws IOException {
        // given: ten good traces, and one of each kind that must be left out
        var now = Instant.now();
        var records = new ArrayList<ProducerRecord<byte[], byte[]>>();
        for (int i = 0; i < 10; i++) {
            records.add(record(WORKLOAD, trace(Tickets.ticket(i), Tickets.label(Tickets.ticket(i)), now.minusSeconds(
                    100 - i), TEACHER, Trace.TEACHER, now.plus(Duration.ofDays(1)))));
        }
        records.add(record(WORKLOAD, trace(Tickets.ticket(0).toUpperCase(), "bug", now, TEACHER, Trace.TEACHER,
                now.plus(Duration.ofDays(1)))));
        records.add(record(WORKLOAD, trace(Tickets.ticket(20), "bug", now, TEACHER, Trace.FALLBACK,
                now.plus(Duration.ofDays(1)))));
        records.add(record(WORKLOAD, trace(Tickets.ticket(21), "bug", now, TEACHER, Trace.STUDENT,
                now.plus(Duration.ofDays(1)))));
        records.add(record(WORKLOAD, trace(Tickets.ticket(22), "bug", now, "gpt-4o", Trace.TEACHER,
                now.plus(Duration.ofDays(1)))));
        records.add(record(WORKLOAD, trace(Tickets.ticket(23), "bug", now.minus(Duration.ofDays(20)), TEACHER,
                Trace.TEACHER, now.minus(Duration.ofDays(6)))));
        records.add(record(WORKLOAD, trace(Tickets.ticket(24), "", now, TEACHER, Trace.TEACHER,
                now.plus(Duration.ofDays(1)))));
        records.add(new ProducerRecord<>(Topics.TRACES, WORKLOAD.getBytes(StandardCharsets.UTF_8),
                "{\"not\":\"a trace\"".getBytes(StandardCharsets.UTF_8)));
        records.add(record("code-review", trace(Tickets.ticket(25), "bug", now, TEACHER, Trace.TEACHER,
                now.plus(Duration.ofDays(1)))));
        send(records);

        // when
        WorkerRun run = WorkerRun.of(env(Map.of()), folder);

        // then: the ten, less the duplicate's first; every other trace of the workload counted by its reason
        assertThat(run.exitCode()).as(run.err()).isZero();
        var counts = Tickets.JSON.readValue(run.terminationMessage(), DatasetCounts.class);
        assertThat(counts.read()).isEqualTo(17);
        assertThat(counts.trafficWorkload()).isEqualTo(WORKLOAD);
        assertThat(counts.trafficLeftOut()).containsExactlyInAnyOrderEntriesOf(Map.of(
                TrafficExamples.NOT_THE_TEACHER, 2, TrafficExamples.OTHER_MODEL, 1, TrafficExamples.EXPIRED, 1,
                TrafficExamples.EMPTY, 1, TrafficExamples.UNREADABLE, 1));
        assertThat(counts.invalid()).isEqualTo(6);
        assertThat(counts.duplicates()).isEqualTo(1);
        assertThat(counts.askedTeacher()).isZero();
        assertThat(counts.train() + counts.eval()).isEqualTo(10);
        var kept = new ArrayList<>(Tickets.read(folder.resolve("out/train.jsonl")));
        kept.addAll(Tickets.read(folder.resolve("out/eval.jsonl")));
        assertThat(kept).allSatisfy(example -> {
            assertThat(example.path("id").asText()).startsWith("trace:");
            assertThat(example.path("messages").get(0).path("role").asText()).isEqualTo("system");
            var ticket = example.path("messages").get(1).path("content").asText();
            assertThat(example.path("answer").asText()).isEqualTo(ticket.equals(Tickets.ticket(0).toUpperCase())
                    ? "bug"
                    : Tickets.label(ticket));
        });
        assertThat(kept).extracting(example -> example.path("messages").get(1).path("content").asText())
                .doesNotContain(Tickets.ticket(20), Tickets.ticket(21), Tickets.ticket(22), Tickets.ticket(25))
                // the newest of the duplicates is kept: the upper-case one, with the teacher's answer then
                .contains(Tickets.ticket(0).toUpperCase(), Tickets.ticket(9));
        assertThat(run.out() + run.err()).doesNotContain(Tickets.ticket(1));
    }

    @Test
    void theNewestWithinTheLimitAreKept() throws IOException {
        var now = Instant.now();
        var records = new ArrayList<ProducerRecord<byte[], byte[]>>();
        String workload = "limits-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 8; i++) {
            records.add(record(workload, trace(Tickets.ticket(100 + i), "bug", now.minusSeconds(60 - i), TEACHER,
                    Trace.TEACHER, now.plus(Duration.ofDays(1)))));
        }
        records.add(record(workload, trace(Tickets.ticket(200), "bug", now.minus(Duration.ofHours(3)), TEACHER,
                Trace.TEACHER, now.plus(Duration.ofDays(1)))));
        send(records);

        WorkerRun run = WorkerRun.of(env(Map.of(WorkerSettings.DATASET_TRAFFIC_WORKLOAD, workload,
                WorkerSettings.DATASET_TRAFFIC_MAX_EXAMPLES, "5", WorkerSettings.DATASET_TRAFFIC_WINDOW, "1h")),
                folder);

        assertThat(run.exitCode()).as(run.err()).isZero();
        var counts = Tickets.JSON.readValue(run.terminationMessage(), DatasetCounts.class);
        assertThat(counts.trafficLeftOut()).containsEntry(TrafficExamples.OVER_LIMIT, 3)
                .containsEntry(TrafficExamples.BEFORE_WINDOW, 1);
        assertThat(counts.train() + counts.eval()).isEqualTo(5);
        var kept = new ArrayList<>(Tickets.read(folder.resolve("out/train.jsonl")));
        kept.addAll(Tickets.read(folder.resolve("out/eval.jsonl")));
        assertThat(kept).extracting(example -> example.path("messages").get(1).path("content").asText())
                .containsExactlyInAnyOrder(Tickets.ticket(103), Tickets.ticket(104), Tickets.ticket(105),
                        Tickets.ticket(106), Tickets.ticket(107));
    }

    @Test
    void aWorkloadWithNothingCapturedIsBadInputThatSaysWhereToLook() throws IOException {
        WorkerRun run = WorkerRun.of(env(Map.of(WorkerSettings.DATASET_TRAFFIC_WORKLOAD, "never-captured")), folder);

        assertThat(run.exitCode()).isEqualTo(Worker.BAD_INPUT);
        assertThat(run.err()).contains("no captured example of workload never-captured answered by " + TEACHER)
                .contains("capture section");
    }

    private Map<String, String> env(Map<String, String> overrides) {
        var env = new HashMap<>(Map.of(WorkerSettings.MODE, "dataset",
                WorkerSettings.DATASET_OUTPUT, folder.resolve("out").toString(),
                WorkerSettings.DATASET_EVAL_FRACTION, "0.2", WorkerSettings.TEACHER, TEACHER,
                WorkerSettings.DATASET_TRAFFIC_WORKLOAD, WORKLOAD,
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()));
        env.putAll(overrides);
        return env;
    }

    private static Trace trace(String ticket, String answer, Instant time, String model, String servedBy,
            Instant expiresAt) {
        return new Trace(UUID.randomUUID(), time, Trace.SCHEMA_VERSION, "req-" + UUID.randomUUID(), WORKLOAD,
                "openai.chat", model, "sim-large", "sim", servedBy, false, new Tokens(40, 0, 0, 1, 0), 12, expiresAt,
                null, null, List.of(new Trace.Turn("system", Tickets.SYSTEM), new Trace.Turn("user", ticket)), answer);
    }

    private static ProducerRecord<byte[], byte[]> record(String workload, Trace trace) {
        return new ProducerRecord<>(Topics.TRACES, workload.getBytes(StandardCharsets.UTF_8), EventJson.write(trace));
    }

    private static void send(List<ProducerRecord<byte[], byte[]>> records) {
        try (var producer = new KafkaProducer<>(broker.clientSettings(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }
}
