package io.switchboard.router.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.switchboard.events.EventJson;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.RouterConfig;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.router.usage.Spool.Spooled;
import io.switchboard.runtime.kafka.KafkaConnection;

/**
 * Publishes usage events to Kafka without the request ever waiting, and without losing them when Kafka is away: a
 * writer thread appends each event to the {@link Spool} on local disk, then the {@link KafkaSender} delivers it and the
 * spool forgets it once Kafka has acknowledged it. What Kafka did not take (down, slow, or the router restarted) is sent
 * again from the disk, with its event id, so consumers deduplicate. Keyed by user, so one user's events stay on one
 * partition. Started with the application, so that a spool left by an earlier process is sent at once.
 */
@Startup
@Singleton
public class UsagePublisher {

    private static final Logger LOGGER = Logger.getLogger(UsagePublisher.class);
    private static final int BATCH = 1024;
    private static final long ROLL_AFTER_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final BlockingQueue<UsageEvent> queue;
    private final BlockingQueue<Spooled> written = new ArrayBlockingQueue<>(BATCH * 8);
    private final Spool spool;
    private final KafkaSender sender;
    private final RouterMetrics metrics;
    private final long fsyncNanos;
    private final Thread writer;
    private final AtomicLong queueDrops = new AtomicLong();
    private final DropEpisode spoolFull;
    private final DropEpisode queueFull;
    private boolean diskFailing;
    private volatile boolean stopping;

    @Inject
    UsagePublisher(RouterConfig config, RouterMetrics metrics, KafkaConnection kafka) {
        this(UsageSettings.of(config, kafka), metrics);
    }

    UsagePublisher(UsageSettings settings, RouterMetrics metrics) {
        this.metrics = metrics;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.fsyncNanos = settings.spoolFsyncInterval().toNanos();
        try {
            this.spool = Spool.open(settings.spoolDir(), settings.spoolMaxBytes(), settings.spoolSegmentBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the usage spool: " + e.getMessage(), e);
        }
        this.spoolFull = new DropEpisode("the usage spool " + spool.dir() + " is full (" + spool.maxBytes()
                + " bytes): Kafka has not taken usage events for a while. Check that the router reaches Kafka "
                + "(switchboard_router_usage_spool_pending is the backlog), or raise "
                + "switchboard.router.usage.spool-max-bytes");
        this.queueFull = new DropEpisode("the usage writer falls behind the requests (" + settings.queueCapacity()
                + " events queued): check the disk of " + spool.dir() + ", or raise "
                + "switchboard.router.usage.queue-capacity");
        metrics.usageSpool(spool::bytes, spool::unacked, spool.maxBytes());
        this.sender = new KafkaSender(settings, spool, metrics, written);
        this.writer = new Thread(this::run, "usage-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues the event for the spool and Kafka, and returns at once. */
    public void publish(UsageEvent event) {
        if (!queue.offer(event)) {
            metrics.usageEvent("dropped");
            queueDrops.incrementAndGet();
        }
    }

    /** Whether the threads that write the spool and send it to Kafka run: false once closed, or ended by an error. */
    public boolean alive() {
        return writer.isAlive() && sender.alive();
    }

    private void run() {
        var events = new ArrayList<UsageEvent>(BATCH);
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
                LOGGER.errorf("usage writer: %s", e.toString());
            }
        }
    }

    private void spoolAndHandOver(List<UsageEvent> events) {
        var keyValues = new ArrayList<byte[][]>(events.size());
        for (var event : events) {
            var user = event.userId() == null ? "" : event.userId();
            keyValues.add(new byte[][]{user.getBytes(StandardCharsets.UTF_8), EventJson.write(event)});
        }
        List<Spooled> spooled;
        try {
            spooled = spool.append(keyValues);
            if (diskFailing) {
                diskFailing = false;
                LOGGER.infof("the usage spool %s is written again", spool.dir());
            }
        } catch (IOException e) {
            if (!diskFailing) {
                diskFailing = true;
                LOGGER.errorf("the usage spool %s cannot be written (%s): usage events go to Kafka from memory "
                        + "only, and are lost if it does not take them. Check the disk", spool.dir(), e.toString());
            }
            spooled = keyValues.stream().map(keyValue -> new Spooled(null, -1, -1, keyValue[0], keyValue[1]))
                    .toList();
        }
        long dropped = 0;
        for (var record : spooled) {
            if (record == null) {
                metrics.usageEvent("dropped");
                dropped++;
            } else if (!written.offer(record) && !spool.release(record)) {
                metrics.usageEvent("dropped");
            }
        }
        spoolFull.count(dropped);
    }

    @PreDestroy
    void close() {
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
            LOGGER.warnf("usage spool not closed cleanly: %s", e.toString());
        }
        if (spool.unacked() > 0) {
            LOGGER.infof("%d usage events wait in the spool %s for the next start", spool.unacked(), spool.dir());
        }
    }

    /**
     * Events dropped come in episodes: one ERROR when one starts, one a minute while it lasts and one when it ends, each
     * with the count. The writer thread only.
     */
    private static final class DropEpisode {

        private static final long REPEAT_NANOS = TimeUnit.MINUTES.toNanos(1);
        private final String cause;
        private long dropped;
        private long loggedAt;

        DropEpisode(String cause) {
            this.cause = cause;
        }

        /** Counts events dropped (or put at risk) now; none ends the episode. */
        void count(long now) {
            if (now == 0) {
                if (dropped > 0) {
                    LOGGER.errorf("usage events are accepted again; %d were dropped and will never be metered "
                            + "while %s", dropped, cause);
                    dropped = 0;
                }
                return;
            }
            if (dropped == 0 || System.nanoTime() - loggedAt > REPEAT_NANOS) {
                LOGGER.errorf("dropping usage events (%d so far, never to be metered): %s", dropped + now, cause);
                loggedAt = System.nanoTime();
            }
            dropped += now;
        }
    }
}
