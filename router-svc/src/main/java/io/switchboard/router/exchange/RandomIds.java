package io.switchboard.router.exchange;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs for request and event ids, made without {@link UUID#randomUUID}, whose shared
 * {@code SecureRandom} every event loop would lock on every request. The ids are not secrets, only unique: each thread's
 * generator never repeats a value within 2^64 draws, and a number drawn once per process from {@code SecureRandom} is
 * mixed in, so that two routers whose generators happened to start alike still differ.
 */
final class RandomIds {

    /** Drawn at the first id, never at build time (a native image would carry one value into every process). */
    private static volatile long process;

    private RandomIds() {
    }

    static UUID next() {
        long mix = process;
        if (mix == 0) {
            // two threads racing here each draw a random value, and either serves
            mix = new SecureRandom().nextLong() | 1;
            process = mix;
        }
        var random = ThreadLocalRandom.current();
        long high = (random.nextLong() ^ mix) & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0b11L << 62) | (0b10L << 62);
        return new UUID(high, low);
    }
}
