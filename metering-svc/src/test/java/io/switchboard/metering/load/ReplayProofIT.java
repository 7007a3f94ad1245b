package io.switchboard.metering.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;

import org.junit.jupiter.api.Test;

/**
 * The replay proof: a seeded company's usage, one record in twenty a redelivery, through the packaged metering service
 * killed with SIGKILL halfway and restarted on its state; afterwards every figure of every grouping the API offers, per
 * day, equals what the distinct events add up to. Part of {@code ./mvnw verify} with 50,000 records;
 * {@code bench/metering-replay-proof.sh} runs it with a million ({@code -Dproof.events}).
 */
class ReplayProofIT {

    private static final long SEED = 20260302L;
    private static final int RECORDS = Integer.getInteger("proof.events", 50_000);
    /**
     * The four UTC days before today, as a live router's events would be: the broker keeps the deduplication store's
     * changelog by its records' time, the events' own, so days long past would be gone from it before the test ends.
     */
    private static final LocalDate FIRST_DAY = LocalDate.now(ZoneOffset.UTC).minusDays(4);
    private static final Instant START = FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC);
    // ending an hour before midnight, so that no event spills into today
    private static final Duration SPAN = Duration.ofDays(4).minusHours(1);
    private static final String FROM = FIRST_DAY.toString();
    private static final String TO = FIRST_DAY.plusDays(3).toString();

    @Test
    void everyAggregateIsExactAfterRedeliveriesAndAKill() throws Exception {
        // given: the usage stream, and what its distinct events add up to
        var events = new UsageGenerator(SEED, RECORDS, START, SPAN);
        var expected = new ExpectedSpend();
        long started = System.nanoTime();
        try (var live = LiveMetering.startBroker(); var publisher = live.publisher(Duration.ofMillis(5))) {
            var metering = live.startMetering();

            // when: half is published, metering is killed while it works through it, the rest is published while it
            // is down, and it starts again on the same state folder
            for (int i = 0; i < RECORDS / 2; i++) {
                var event = events.next();
                expected.add(event);
                publisher.publish(event);
            }
            publisher.flush();
            long half = expected.distinct();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                    .until(() -> live.requests(FROM, TO) >= half / 4);
            long countedAtKill = live.requests(FROM, TO);
            metering.kill();
            long killedAt = System.nanoTime();
            events.forEachRemaining(event -> {
                expected.add(event);
                publisher.publish(event);
            });
            publisher.flush();
            metering.restart();
            long restartedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(120 + RECORDS / 2000)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .untilAsserted(() -> assertThat(live.requests(FROM, TO)).isGreaterThanOrEqualTo(
                            expected.distinct()));
            long countedAt = System.nanoTime();
            // time for anything counted twice to show
            Thread.sleep(3000);

            // then: every row of every grouping, per day, and every total, exactly
            var differences = new ArrayList<String>();
            var groupings = ExpectedSpend.groupings();
            for (var grouping : groupings) {
                var answer = live.get("/v1/spend?granularity=day&from=" + FROM + "&to=" + TO + "&groupBy="
                        + String.join(",", grouping));
                differences.addAll(expected.differences(grouping, answer));
            }
            System.out.printf("""
                    replay proof: %,d records, %,d distinct events (%,d redeliveries), %d groupings, %,d rows
                      killed (SIGKILL) with %,d of the first %,d events counted; restarted %.1f s later
                      all counted %.1f s after the restart; %s; %.1f s in all
                    """, RECORDS, expected.distinct(), RECORDS - expected.distinct(), groupings.size(),
                    expected.rows(), countedAtKill, half, seconds(restartedAt - killedAt),
                    seconds(countedAt - restartedAt),
                    differences.isEmpty() ? "every figure exact" : differences.size() + " differences",
                    seconds(System.nanoTime() - started));
            assertThat(differences.stream().limit(100).toList())
                    .as("%d figures differ from the distinct events' sums; the first ones", differences.size())
                    .isEmpty();
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
