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

    /**
     * The most that {@code inputTokens} and {@code outputTokens} can cost: input at the dearest of its three rates,
     * rounded up.
     */
    public long worstCaseMicros(long inputTokens, long outputTokens) {
        long inputRate = Math.max(input, Math.max(cachedInput, cacheWrite));
        long scaled = Math.addExact(Math.multiplyExact(inputTokens, inputRate),
                Math.multiplyExact(outputTokens, output));
        return (scaled + PER_MILLION - 1) / PER_MILLION;
    }
}
