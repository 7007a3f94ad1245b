package io.switchboard.runtime.kafka;

import java.time.Duration;

/**
 * Delays between retries of something that fails while Kafka is away: the first short, each next one twice as long up
 * to a cap, and the first again once it worked. One thread's.
 */
public final class Backoff {

    private final Duration first;
    private final Duration max;
    private Duration next;

    public Backoff(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, got " + first + " and " + max);
        }
        this.first = first;
        this.max = max;
        this.next = first;
    }

    /** 100 ms doubling to 5 s: a reader finds a returning broker within seconds and asks a missing one ~12 times a minute. */
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    /** The delay before the next try; the one after it is longer, up to the cap. */
    public Duration next() {
        var delay = next;
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        return delay;
    }

    /** It worked: the next failure waits the first delay again. */
    public void reset() {
        next = first;
    }
}
