package io.switchboard.router.routing;

import io.switchboard.events.Tokens;

/** What a model's tokens cost, in micro-USD per million tokens of each kind. */
public record Price(long input, long cachedInput, long cacheWrite, long output) {

    private static final long PER_MILLION = 1_000_000L;

    /**
     * The cost of these tokens in micro-USD, rounded half up once over the whole sum so that no request loses or gains
     * more than half a micro-dollar.
     */
    public long costMicros(Tokens tokens) {
        long scaled = Math.addExact(Math.addExact(
                Math.multiplyExact(tokens.uncachedInput(), input),
                Math.multiplyExact(tokens.cachedInput(), cachedInput)),
                Math.addExact(Math.multiplyExact(tokens.cacheWrite(), cacheWrite),
                        Math.multiplyExact(tokens.output(), output)));
        return (scaled + PER_MILLION / 2) / PER_MILLION;
    }
}
