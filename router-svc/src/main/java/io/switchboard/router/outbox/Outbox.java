package io.switchboard.router.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.router.outbox.Spool.Spooled;

/**
 * A topic the router writes to without the request ever waiting, and without losing records when Kafka is away: a
 * writer thread turns each record into a key and a value and appends them to the {@link Spool} on local disk, then the
 * {@link KafkaSender} delivers them and the spool forgets them once Kafka has acknowledged them. What Kafka did not take
 * (down, slow, or the router restarted) is sent again from the disk, as it was, so consumers deduplicate by the id in
 * the value. Opened with the application, so that a spool left by an earlier process is sent at once.
 *
 * @param <T> what the request path hands over; turned into bytes on the writer thread, never on the request's
 */
public final class Outbox<T> implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(Outbox.class);
    private static final int BATCH = 1024;
    private static final long ROLL_AFTER_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final OutboxSettings settings;
    private final Function<T, byte[][]> keyValue;
    private final BlockingQueue<T> queue;
    private final BlockingQueue<Spooled> written = new ArrayBlockingQueue<>(BATCH * 8);
    private final Spool spool;
    private final KafkaSender sender;
    private final Counter dropped;
    private final long fsyncNanos;
    private final Thread writer;
    private final AtomicLong queueDrops = new AtomicLong();
    private final DropEpisode spoolFull;
    private final DropEpisode queueFull;
    private final DropEpisode unwritable;
    private boolean diskFailing;
    private volatile boolean stopping;

    /**
     * @param keyValue the record's Kafka key and value ({@code new byte[][]{key, value}}), on the writer thread; a
     *        record it throws on is dropped, counted and logged
     */
    public Outbox(OutboxSettings settings, RouterMetrics metrics, Function<T, byte[][]> keyValue) {
        this.settings = settings;
        this.keyValue = keyValue;
        this.dropped = metrics.outboxRecords(settings.name(), "dropped");
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.fsyncNanos = settings.spoolFsyncInterval().toNanos();
        try {
            this.spool = Spool.open(settings.spoolDir(), settings.name(), settings.spoolMaxBytes(),
                    settings.spoolSegmentBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the " + settings.name() + " spool: " + e.getMessage(), e);
        }
        var records = settings.records();
        this.spoolFull = new DropEpisode(records, "the " + settings.name() + " spool " + spool.dir() + " is full ("
                + spool.maxBytes() + " bytes): Kafka has not taken " + records + " for a while. Check that the router "
                + "reaches Kafka (switchboard_router_" + settings.name() + "_spool_pending is the backlog), or raise "
                + settings.setting("spool-max-bytes"));
        this.queueFull = new DropEpisode(records, "the " + settings.name() + " writer falls behind the requests ("
                + settings.queueCapacity() + " queued): check the disk of " + spool.dir() + ", or raise "
                + settings.setting("queue-capacity"));
        this.unwritable = new DropEpisode(records, "they cannot be written as records (a bug: the log line before "
                + "names the exception)");
        metrics.outboxSpool(settings.name(), spool::bytes, spool::unacked, spool.maxBytes());
        this.sender = new KafkaSender(settings, spool, metrics, written);
        this.writer = new Thread(this::run, settings.name() + "-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues the record for the spool and Kafka, and returns at once; false when it was dropped (counted). */
    public boolean offer(T record) {
        if (queue.offer(record)) {
            return true;
        }
        dropped.increment();
        queueDrops.incrementAndGet();
        return false;
    }

    /** Whether the threads that write the spool and send it to Kafka run: false once closed, or ended by an error. */
    public boolean alive() {
        return writer.isAlive() && sender.alive();
    }

    private void run() {
        var events = new ArrayList<T>(BATCH);
        long syncedAt = System.nanoTime();
        while (!stopping || !queue.isEmpty()) {
            try {
                var first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    events.add(first);
                    queue.drainTo(events, BATCH - 1);
                    spoolAndHandOver(events);
                    events.clear();
                }
                long drops = queueDrops.getAndSet(0);
                queueFull.count(drops);
                if (System.nanoTime() - syncedAt > fsyncNanos) {
                    spool.sync();
                    spool.rollIfOlder(ROLL_AFTER_NANOS);
                    syncedAt = System.nanoTime();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                LOGGER.errorf("%s writer: %s", settings.name(), e.toString());
            }
        }
    }

    private void spoolAndHandOver(List<T> records) {
        var keyValues = new ArrayList<byte[][]>(records.size());
        long failed = 0;
        for (var record : records) {
            try {
                keyValues.add(keyValue.apply(record));
            } catch (RuntimeException e) {
                // the class only: a message may quote what the record holds (a captured prompt, say)
                LOGGER.errorf("a record of the %s outbox cannot be written: %s", settings.name(),
                        e.getClass().getName());
                dropped.increment();
                failed++;
            }
        }
        unwritable.count(failed);
        List<Spooled> spooled;
        try {
            spooled = spool.append(keyValues);
            if (diskFailing) {
                diskFailing = false;
                LOGGER.infof("the %s spool %s is written again", settings.name(), spool.dir());
            }
        } catch (IOException e) {
            if (!diskFailing) {
                diskFailing = true;
                LOGGER.errorf("the %s spool %s cannot be written (%s): %s go to Kafka from memory only, and are "
                        + "lost if it does not take them. Check the disk", settings.name(), spool.dir(), e.toString(),
                        settings.records());
            }
            spooled = keyValues.stream().map(keyValue -> new Spooled(null, -1, -1, keyValue[0], keyValue[1]))
                    .toList();
        }
        long full = 0;
        for (var record : spooled) {
            if (record == null) {
                dropped.increment();
                full++;
            } else if (!written.offer(record) && !spool.release(record)) {
                dropped.increment();
            }
        }
        spoolFull.count(full);
    }

    /** Writes what is queued, then stops; what Kafka has not taken by then waits in the spool for the next start. */
    @Override
    public void close() {
        stopping = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.close();
        try {
            spool.close();
        } catch (IOException e) {
            LOGGER.warnf("%s spool not closed cleanly: %s", settings.name(), e.toString());
        }
        if (spool.unacked() > 0) {
            LOGGER.infof("%d %s wait in the spool %s for the next start", spool.unacked(), settings.records(),
                    spool.dir());
        }
    }

    /**
     * Records dropped come in episodes: one ERROR when one starts, one a minute while it lasts and one when it ends,
     * each with the count. The writer thread only.
     */
    private static final class DropEpisode {

        private static final long REPEAT_NANOS = TimeUnit.MINUTES.toNanos(1);
        private final String records;
        private final String cause;
        private long dropped;
        private long loggedAt;

        DropEpisode(String records, String cause) {
            this.records = records;
            this.cause = cause;
        }

        /** Counts records dropped (or put at risk) now; none ends the episode. */
        void count(long now) {
            if (now == 0) {
                if (dropped > 0) {
                    LOGGER.errorf("%s are accepted again; %d were dropped and will never reach Kafka while %s",
                            records, dropped, cause);
                    dropped = 0;
                }
                return;
            }
            if (dropped == 0 || System.nanoTime() - loggedAt > REPEAT_NANOS) {
                LOGGER.errorf("dropping %s (%d so far, never to reach Kafka): %s", records, dropped + now, cause);
                loggedAt = System.nanoTime();
            }
            dropped += now;
        }
    }
}
