package io.switchboard.distill.promotion;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.switchboard.events.Attempt;
import io.switchboard.events.EventJson;
import io.switchboard.events.StudentRoute;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.runtime.kafka.Backoff;
import io.switchboard.runtime.kafka.KafkaConnection;
import io.switchboard.runtime.kafka.Offsets;

/**
 * The promoted students' live requests, from the router's usage events ({@link Topics#USAGE}): every attempt the
 * router made at a student (provider {@code student:<job>}), with its outcome and latency, and every shadow the
 * teacher answered ({@link UsageEvent.Shadow}), with its verdict, kept for {@link #LOOKBACK}.
 * The reader starts at the first question, that far back, so that a canary step begun before the operator restarted
 * is judged on its requests all the same; until it has read up to where the topic ended then, there is no answer.
 */
@ApplicationScoped
public class LiveStudents {

    /** How far back the reader starts, and how long a sample is kept. */
    public static final Duration LOOKBACK = Duration.ofHours(6);
    /** The most samples kept for one student: the oldest go first. */
    private static final int MOST_SAMPLES = 200_000;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Outcomes that are the student's failure; a client's error and a client gone are not. */
    private static final Set<Attempt.Outcome> FAILURES = EnumSet.complementOf(
            EnumSet.of(Attempt.Outcome.OK, Attempt.Outcome.CLIENT_ERROR, Attempt.Outcome.CANCELLED));
    private static final Logger LOGGER = Logger.getLogger(LiveStudents.class);

    /** A student's requests since a time: how many, how many failed, and the p95 latency of all of them. */
    public record Figures(long requests, long errors, long p95LatencyMillis) {
    }

    /** A student's shadowed requests since a time that the teacher answered, and how many of them agreed. */
    public record Agreement(long requests, long agreed) {
    }

    /** The teacher's verdicts in one span of time: how many it answered, how many of them agreed. */
    public record AgreementSpan(Instant start, long requests, long agreed) {
    }

    private record Sample(long timeMillis, boolean failed, long latencyMillis) {
    }

    private record Verdict(long timeMillis, boolean agreed) {
    }

    private final Map<String, Object> settings;
    private final Map<String, Deque<Sample>> byJob = new ConcurrentHashMap<>();
    private final Map<String, Deque<Verdict>> verdictsByJob = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;
    private volatile boolean closed;
    private Consumer<String, byte[]> consumer;

    public LiveStudents(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        Map<String, Object> own = new HashMap<>();
        own.put(ConsumerConfig.CLIENT_ID_CONFIG, "distill-operator-live-students");
        own.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        own.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        own.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        settings = KafkaConnection.of(kafka).with(own);
    }

    /**
     * The job's student's requests since {@code from}; empty while the reader has not caught up.
     *
     * @param job the route's key, {@code <namespace>/<name>}
     */
    public Optional<Figures> since(String job, Instant from) {
        start();
        if (!caughtUp) {
            return Optional.empty();
        }
        long start = from.toEpochMilli();
        List<Sample> recent = recent(byJob.get(job), sample -> sample.timeMillis() >= start);
        long[] latencies = recent.stream().mapToLong(Sample::latencyMillis).sorted().toArray();
        long errors = recent.stream().filter(Sample::failed).count();
        // nearest rank
        long p95 = latencies.length == 0 ? 0 : latencies[(int) Math.ceil(latencies.length * 0.95) - 1];
        return Optional.of(new Figures(latencies.length, errors, p95));
    }

    /**
     * The teacher's verdicts on the job's student since {@code from}; empty while the reader has not caught up.
     *
     * @param job the route's key, {@code <namespace>/<name>}
     */
    public Optional<Agreement> agreementSince(String job, Instant from) {
        start();
        if (!caughtUp) {
            return Optional.empty();
        }
        long start = from.toEpochMilli();
        List<Verdict> recent = recent(verdictsByJob.get(job), verdict -> verdict.timeMillis() >= start);
        return Optional.of(new Agreement(recent.size(), recent.stream().filter(Verdict::agreed).count()));
    }

    /**
     * The teacher's verdicts on the job's student from {@code from} to {@code until}, in {@code spans} spans of one
     * length, the oldest first; empty while the reader has not caught up.
     *
     * @param job the route's key, {@code <namespace>/<name>}
     */
    public Optional<List<AgreementSpan>> agreementOverTime(String job, Instant from, Instant until, int spans) {
        if (spans < 1) {
            throw new IllegalArgumentException("at least one span, not " + spans);
        }
        start();
        if (!caughtUp) {
            return Optional.empty();
        }
        long start = from.toEpochMilli();
        long end = until.toEpochMilli();
        long length = Math.max(1, (end - start + spans - 1) / spans);
        long[] requests = new long[spans];
        long[] agreed = new long[spans];
        for (Verdict verdict : recent(verdictsByJob.get(job),
                verdict -> verdict.timeMillis() >= start && verdict.timeMillis() <= end)) {
            int span = (int) Math.min(spans - 1, (verdict.timeMillis() - start) / length);
            requests[span]++;
            agreed[span] += verdict.agreed() ? 1 : 0;
        }
        return Optional.of(IntStream.range(0, spans).mapToObj(span -> new AgreementSpan(
                Instant.ofEpochMilli(start + span * length), requests[span], agreed[span])).toList());
    }

    private static <T> List<T> recent(Deque<T> kept, Predicate<T> since) {
        if (kept == null) {
            return List.of();
        }
        synchronized (kept) {
            return kept.stream().filter(since).toList();
        }
    }

    private synchronized void start() {
        if (consumer != null || closed) {
            return;
        }
        consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        Thread reader = new Thread(this::read, "live-students");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        var backoff = Backoff.standard();
        Map<TopicPartition, Long> ends = Map.of();
        try {
            while (!closed) {
                try {
                    if (ends.isEmpty()) {
                        ends = assign();
                    }
                    for (var record : consumer.poll(Duration.ofMillis(200))) {
                        add(record);
                    }
                    if (!caughtUp && ends.entrySet().stream()
                            .allMatch(end -> consumer.position(end.getKey(), CALL_TIMEOUT) >= end.getValue())) {
                        caughtUp = true;
                        LOGGER.info("live students: read the usage events of the last " + LOOKBACK.toHours() + "h");
                    }
                    backoff.reset();
                } catch (WakeupException e) {
                    // closing
                } catch (RuntimeException e) {
                    LOGGER.warnf("live students: reading %s failed, trying again: %s", Topics.USAGE, e.toString());
                    Thread.sleep(backoff.next().toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Every partition of the usage topic, from {@link #LOOKBACK} ago; the end offsets to catch up to. */
    private Map<TopicPartition, Long> assign() {
        var partitions = consumer.partitionsFor(Topics.USAGE, CALL_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + Topics.USAGE + " not found");
        }
        consumer.assign(partitions);
        Offsets.seekToTime(consumer, partitions, Instant.now().minus(LOOKBACK), CALL_TIMEOUT);
        return Map.copyOf(consumer.endOffsets(partitions, CALL_TIMEOUT));
    }

    private void add(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        UsageEvent event;
        try {
            event = EventJson.read(record.value(), UsageEvent.class);
        } catch (RuntimeException e) {
            // another producer's record, or a newer schema: not a student's request as far as this reader knows
            return;
        }
        long time = event.time().toEpochMilli();
        if (event.shadow() != null) {
            // a shadow the teacher did not answer says nothing of the student
            if (event.outcome() == UsageEvent.Outcome.OK) {
                keep(verdictsByJob, event.shadow().job(), new Verdict(time, event.shadow().agreed()),
                        Verdict::timeMillis);
            }
            return;
        }
        for (Attempt attempt : event.attempts()) {
            if (StudentRoute.isStudent(attempt.provider())) {
                keep(byJob, StudentRoute.job(attempt.provider()),
                        new Sample(time, FAILURES.contains(attempt.outcome()), attempt.latencyMillis()),
                        Sample::timeMillis);
            }
        }
    }

    /** Adds a job's sample, dropping the ones older than {@link #LOOKBACK} and the oldest beyond the most kept. */
    private static <T> void keep(Map<String, Deque<T>> kept, String job, T sample, ToLongFunction<T> timeMillis) {
        long oldest = System.currentTimeMillis() - LOOKBACK.toMillis();
        Deque<T> samples = kept.computeIfAbsent(job, key -> new ArrayDeque<>());
        synchronized (samples) {
            samples.addLast(sample);
            while (!samples.isEmpty()
                    && (samples.size() > MOST_SAMPLES || timeMillis.applyAsLong(samples.peekFirst()) < oldest)) {
                samples.removeFirst();
            }
        }
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        if (consumer != null) {
            consumer.wakeup();
        }
    }
}
