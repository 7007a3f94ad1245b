package io.switchboard.distill.worker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.events.Trace;
import io.switchboard.runtime.kafka.KafkaConnection;
import io.switchboard.runtime.kafka.Offsets;

/**
 * The examples of a dataset drawn from captured traffic ({@link Topics#TRACES}): the traces of one workload, in a
 * window, that the teacher itself answered (not a fallback model, not a promoted student), newest first, up to a limit.
 * Reads the topic from the window's start to its end at the time of reading, and says how many traces it read and why
 * it left out those it did.
 */
final class TrafficExamples {

    /** Why a trace of the workload is left out, as the report names it. */
    static final String EXPIRED = "expired";
    static final String NOT_THE_TEACHER = "answeredByAnotherModel";
    static final String OTHER_MODEL = "askedAnotherModel";
    static final String UNREADABLE = "unreadable";
    static final String EMPTY = "noPromptOrAnswer";
    static final String OVER_LIMIT = "overMaxExamples";
    static final String BEFORE_WINDOW = "beforeWindow";

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration IDLE_LIMIT = Duration.ofSeconds(30);
    /** The longest a question to Kafka about the topic may take. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private TrafficExamples() {
    }

    /**
     * @param read the traces of the workload read in the window
     * @param dropped how many were left out, by reason
     */
    record Selection(List<Example> examples, int read, Map<String, Integer> dropped) {
    }

    /**
     * @param kafka the Kafka client settings as environment ({@code KAFKA_BOOTSTRAP_SERVERS}...), the services' way
     * @param since the window's start; {@code null} for everything on the topic
     */
    static Selection read(Map<String, String> kafka, String workload, String teacher, Instant since, int maxExamples,
            Instant now) {
        var wanted = workload.getBytes(StandardCharsets.UTF_8);
        var kept = new ArrayList<Trace>();
        var dropped = new TreeMap<String, Integer>();
        int read = 0;
        try (var consumer = new KafkaConsumer<byte[], byte[]>(consumerSettings(kafka), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(Topics.TRACES, CALL_TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("the topic " + Topics.TRACES + " does not exist");
            }
            consumer.assign(partitions);
            var end = consumer.endOffsets(partitions);
            seekToWindow(consumer, partitions, since);
            long idleSince = System.nanoTime();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                var records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    if (System.nanoTime() - idleSince > IDLE_LIMIT.toNanos()) {
                        throw new IllegalStateException("the topic " + Topics.TRACES + " gave no records for "
                                + IDLE_LIMIT.toSeconds() + " s before its end");
                    }
                    continue;
                }
                idleSince = System.nanoTime();
                for (var record : records) {
                    var partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition) || !Arrays.equals(record.key(), wanted)) {
                        continue;
                    }
                    read++;
                    String reason = reasonToDrop(record.value(), teacher, since, now, kept);
                    if (reason != null) {
                        dropped.merge(reason, 1, Integer::sum);
                    }
                }
            }
        }
        kept.sort(Comparator.comparing(Trace::time).reversed());
        if (kept.size() > maxExamples) {
            dropped.merge(OVER_LIMIT, kept.size() - maxExamples, Integer::sum);
        }
        var examples = kept.stream().limit(maxExamples).map(TrafficExamples::example).toList();
        return new Selection(examples, read, dropped);
    }

    /** Why the trace is left out, or {@code null} when it was added to {@code kept}. */
    private static String reasonToDrop(byte[] value, String teacher, Instant since, Instant now, List<Trace> kept) {
        Trace trace;
        try {
            trace = value == null ? null : EventJson.read(value, Trace.class);
        } catch (EventJson.EventFormatException e) {
            return UNREADABLE;
        }
        if (trace == null) {
            return UNREADABLE;
        }
        if (since != null && trace.time().isBefore(since)) {
            return BEFORE_WINDOW; // written late, after the window's first record
        }
        if (trace.expiresAt() != null && !trace.expiresAt().isAfter(now)) {
            return EXPIRED;
        }
        if (!teacher.equals(trace.modelRequested())) {
            return OTHER_MODEL;
        }
        if (!Trace.TEACHER.equals(trace.servedBy())) {
            return NOT_THE_TEACHER;
        }
        boolean asks = trace.messages().stream().anyMatch(turn -> "user".equals(turn.role())
                && !turn.content().isBlank());
        if (!asks || trace.answerText().isBlank()) {
            return EMPTY;
        }
        kept.add(trace);
        return null;
    }

    private static Example example(Trace trace) {
        var messages = trace.messages().stream().map(turn -> new Example.Message(turn.role(), turn.content()))
                .toList();
        return new Example("trace:" + trace.traceId(), messages, trace.answerText(), null, null);
    }

    private static void seekToWindow(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
            Instant since) {
        if (since == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Offsets.seekToTime(consumer, partitions, since, CALL_TIMEOUT);
    }

    /** The consumer's settings from the services' environment: {@code KAFKA_SASL_MECHANISM} is sasl.mechanism. */
    static Map<String, Object> consumerSettings(Map<String, String> environment) {
        var kafka = new HashMap<String, Object>();
        environment.forEach((name, value) -> {
            if (name.startsWith("KAFKA_")) {
                kafka.put(name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        var own = new HashMap<String, Object>();
        own.put(ConsumerConfig.CLIENT_ID_CONFIG, "distill-dataset");
        own.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        own.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        own.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        return KafkaConnection.of(kafka).with(own);
    }
}
