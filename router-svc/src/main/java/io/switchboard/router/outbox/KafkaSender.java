package io.switchboard.router.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.router.outbox.Spool.Spooled;

/**
 * Gets an outbox's spooled records onto Kafka, on a thread of its own: records as they are written while Kafka keeps
 * up, and otherwise from the spool on disk, oldest first. A record is acknowledged in the spool only when Kafka has it; a failed
 * one is released and sent again, after a backoff and a single probe record while Kafka does not answer.
 */
final class KafkaSender implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(KafkaSender.class);
    /** Bytes handed to the producer and not yet answered; half its buffer, so that send() never waits for room. */
    private static final long WINDOW_BYTES = 16L * 1024 * 1024;
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long COLLECT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Map<String, Object> producerSettings;
    /** Made on the sending thread, so that building it (its threads, metrics, settings) never delays the start. */
    private volatile KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final Spool spool;
    private final String name;
    private final String records;
    private final Counter published;
    private final Counter replayed;
    private final Counter failed;
    private final Counter dropped;
    private final BlockingQueue<Spooled> written;
    private final Thread thread;
    private volatile boolean stopping;

    private final AtomicLong inFlightBytes = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong replayedInOutage = new AtomicLong();
    /** Set by producer callbacks: while Kafka fails, nothing is sent before {@code retryAt}, then one probe. */
    private volatile long retryAt = System.nanoTime();
    private volatile boolean probing;
    private volatile boolean outage;
    private long backoffNanos = FIRST_BACKOFF_NANOS;

    KafkaSender(OutboxSettings settings, Spool spool, RouterMetrics metrics, BlockingQueue<Spooled> written) {
        this.topic = settings.topic();
        this.spool = spool;
        this.name = settings.name();
        this.records = settings.records();
        this.published = metrics.outboxRecords(name, "published");
        this.replayed = metrics.outboxRecords(name, "replayed");
        this.failed = metrics.outboxRecords(name, "failed");
        this.dropped = metrics.outboxRecords(name, "dropped");
        this.written = written;
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "router-" + name);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // send() waits for topic metadata at most this long (a probe when Kafka is away), never for buffer room
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2 * WINDOW_BYTES);
        // a record Kafka does not take within this fails back to the spool, to be sent again after a backoff
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.producerSettings = settings.kafka().with(props);
        this.thread = new Thread(this::run, name + "-sender");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        producer = new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer());
        long collectedAt = System.nanoTime();
        while (!stopping) {
            try {
                sendWritten(written.poll(50, TimeUnit.MILLISECONDS));
                spool.claimReleased(this::maySend, record -> send(record, true));
                if (System.nanoTime() - collectedAt > COLLECT_EVERY_NANOS) {
                    spool.collect();
                    noticeRecovery();
                    collectedAt = System.nanoTime();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOGGER.errorf("%s sender: %s; the records stay in the spool", name, e.toString());
            }
        }
        sendWritten(written.poll());
    }

    /** Sends what the writer just spooled, from memory, unless older records wait or Kafka is not keeping up. */
    private void sendWritten(Spooled record) {
        for (; record != null; record = written.poll()) {
            if (!spool.hasReleased() && maySend()) {
                send(record, false);
            } else if (!spool.release(record)) {
                dropped.increment();
            }
        }
    }

    private boolean maySend() {
        if (System.nanoTime() - retryAt < 0) {
            return false;
        }
        return probing ? inFlight.get() == 0 : inFlightBytes.get() < WINDOW_BYTES;
    }

    private void send(Spooled record, boolean fromDisk) {
        int size = record.size();
        inFlightBytes.addAndGet(size);
        inFlight.incrementAndGet();
        var answered = new AtomicBoolean();
        Callback callback = (metadata, error) -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            inFlightBytes.addAndGet(-size);
            inFlight.decrementAndGet();
            if (error == null) {
                delivered(record, fromDisk);
            } else {
                undelivered(record, error);
            }
        };
        try {
            var key = record.key().length == 0 ? null : record.key();
            producer.send(new ProducerRecord<>(topic, key, record.value()), callback);
        } catch (RuntimeException e) {
            callback.onCompletion(null, e);
        }
    }

    private void delivered(Spooled record, boolean fromDisk) {
        spool.ack(record);
        published.increment();
        if (fromDisk) {
            replayed.increment();
            replayedInOutage.incrementAndGet();
        }
        if (probing) {
            synchronized (this) {
                probing = false;
                backoffNanos = FIRST_BACKOFF_NANOS;
            }
        }
    }

    private void undelivered(Spooled record, Exception error) {
        failed.increment();
        if (!spool.release(record)) {
            dropped.increment();
        }
        synchronized (this) {
            long now = System.nanoTime();
            if (now - retryAt >= 0) {
                backoffNanos = probing ? Math.min(backoffNanos * 2, MAX_BACKOFF_NANOS) : FIRST_BACKOFF_NANOS;
                retryAt = now + backoffNanos;
            }
            probing = true;
            if (!outage) {
                outage = true;
                replayedInOutage.set(0);
                LOGGER.warnf("%s cannot reach Kafka (%s); they wait in the spool %s and are sent when it answers",
                        records, error.toString(), spool.dir());
            }
        }
    }

    private void noticeRecovery() {
        if (outage && !probing && !spool.hasReleased() && inFlight.get() == 0) {
            outage = false;
            LOGGER.infof("%s reach Kafka again; %d were sent from the spool", records, replayedInOutage.get());
        }
    }

    /** Whether the sending thread runs: false once closed, or ended by an error. */
    boolean alive() {
        return thread.isAlive();
    }

    /** Stops sending; records the producer has not delivered within the grace period stay in the spool. */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var made = producer;
        if (made != null) {
            made.close(Duration.ofSeconds(5));
        }
    }
}
