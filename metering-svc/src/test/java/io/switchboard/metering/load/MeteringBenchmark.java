package io.switchboard.metering.load;

import static io.switchboard.metering.UsageEvents.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Metering's throughput and freshness on this machine: the packaged service as a process, the broker, the load and
 * the probes in this JVM. Throughput: usage records waiting in the topic before metering starts, timed from the first
 * counted to the last, as {@code GET /v1/spend} reports them. Freshness: under a steady background load at half that
 * throughput, probe events for users of their own, each timed from just before it is published until
 * {@code GET /v1/spend/users/{id}} first shows it. Run with {@code bench/metering-throughput.sh}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class MeteringBenchmark {

    private static final int RECORDS = Integer.getInteger("bench.events", 400_000);
    private static final int PROBES = Integer.getInteger("bench.probes", 250);
    private static final Duration PROBE_EVERY = Duration.ofMillis(250);
    private static final Duration POLL_EVERY = Duration.ofMillis(5);
    private static final double BACKGROUND_SHARE = 0.5;

    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @Test
    void throughputAndFreshness() throws Exception {
        try (var live = LiveMetering.startBroker()) {
            double recordsPerSecond = throughput(live);
            freshness(live, recordsPerSecond * BACKGROUND_SHARE);
        }
    }

    /** Records per second, redeliveries included, through a metering that starts with all of them waiting. */
    private double throughput(LiveMetering live) throws InterruptedException {
        var events = new UsageGenerator(1, RECORDS, today.minusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC),
                Duration.ofDays(2));
        var ids = new HashSet<UUID>();
        try (var publisher = live.publisher(Duration.ofMillis(5))) {
            events.forEachRemaining(event -> {
                ids.add(event.eventId());
                publisher.publish(event);
            });
            publisher.flush();
        }
        live.startMetering();
        var from = today.minusDays(3).toString();
        long firstAt = 0;
        long firstCount = 0;
        long counted = 0;
        while (counted < ids.size()) {
            Thread.sleep(250);
            try {
                counted = live.requests(from, today.toString());
            } catch (IllegalStateException restoring) {
                continue;
            }
            if (firstAt == 0 && counted > 0) {
                firstAt = System.nanoTime();
                firstCount = counted;
            }
        }
        double seconds = (System.nanoTime() - firstAt) / 1e9;
        double eventsPerSecond = (ids.size() - firstCount) / seconds;
        System.out.printf("""
                throughput: %,d records (%,d distinct events) waiting in the topic, counted in %.1f s from the first:
                  %,.0f events/s counted, %,.0f records/s with redeliveries (GET /v1/spend polled every 250 ms)
                """, RECORDS, ids.size(), seconds, eventsPerSecond, eventsPerSecond * RECORDS / ids.size());
        return eventsPerSecond * RECORDS / ids.size();
    }

    /** Publication to visibility, under a background load of {@code recordsPerSecond}. */
    private void freshness(LiveMetering live, double recordsPerSecond) throws Exception {
        var running = new AtomicBoolean(true);
        var background = Executors.newSingleThreadExecutor();
        var sent = background.submit(() -> steadyLoad(live, recordsPerSecond, running));
        Thread.sleep(5000);
        long[] latencies = new long[PROBES];
        long polls = 0;
        long pollNanos = 0;
        var range = "?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        try (var publisher = live.publisher(Duration.ZERO)) {
            long start = System.nanoTime();
            for (int i = 0; i < PROBES; i++) {
                var user = "probe-" + i;
                var probe = usage(user, "probes", Instant.now().toString()).build();
                long published = System.nanoTime();
                publisher.publish(probe);
                while (true) {
                    long asked = System.nanoTime();
                    var shown = live.get("/v1/spend/users/" + user + range).path("total").path("requests").asLong();
                    long answered = System.nanoTime();
                    polls++;
                    pollNanos += answered - asked;
                    if (shown > 0) {
                        latencies[i] = answered - published;
                        break;
                    }
                    Thread.sleep(POLL_EVERY.toMillis());
                }
                long next = start + (i + 1) * PROBE_EVERY.toNanos();
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            }
        } finally {
            running.set(false);
            background.shutdown();
        }
        double offered = sent.get();
        background.awaitTermination(10, TimeUnit.SECONDS);
        Arrays.sort(latencies);
        System.out.printf("""
                freshness: %d probes, one every %d ms, under %,.0f records/s of background load (%.0f%% of throughput)
                  publish to visible in GET /v1/spend/users/{id}: p50 %.0f ms, p99 %.0f ms, max %.0f ms
                  (resolution: a GET every %.1f ms on average, a %d ms pause after each answer taking %.1f ms)
                """, PROBES, PROBE_EVERY.toMillis(), offered, BACKGROUND_SHARE * 100, percentile(latencies, 50),
                percentile(latencies, 99), latencies[PROBES - 1] / 1e6, POLL_EVERY.toMillis() + pollNanos / 1e6 / polls,
                POLL_EVERY.toMillis(), pollNanos / 1e6 / polls);
    }

    /** Publishes usage at {@code recordsPerSecond} until told to stop; returns the rate it kept up. */
    private double steadyLoad(LiveMetering live, double recordsPerSecond, AtomicBoolean running)
            throws InterruptedException {
        // enough for ten minutes, spread over the hour before now
        var events = new UsageGenerator(2, (int) (recordsPerSecond * 600), Instant.now().minus(Duration.ofHours(1)),
                Duration.ofHours(1));
        long sent = 0;
        long start = System.nanoTime();
        try (var publisher = live.publisher(Duration.ofMillis(5))) {
            while (running.get()) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * recordsPerSecond);
                for (; sent < due; sent++) {
                    publisher.publish(events.next());
                }
                Thread.sleep(5);
            }
            publisher.flush();
        }
        return sent / ((System.nanoTime() - start) / 1e9);
    }

    /** The nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] sorted, int percent) {
        return sorted[(int) Math.ceil(percent / 100.0 * sorted.length) - 1] / 1e6;
    }
}
