package io.switchboard.events;

/**
 * Token counts of one request, as the serving provider reported them.
 *
 * <p>
 * {@code input} counts every prompt token; {@code cachedInput} (read from the provider's prompt cache) and
 * {@code cacheWrite} (written to it) are the parts of it billed at other rates. {@code output} counts every generated
 * token; {@code reasoning} is the part of it spent on hidden reasoning.
 */
public record Tokens(long input, long cachedInput, long cacheWrite, long output, long reasoning) {

    public static final Tokens NONE = new Tokens(0, 0, 0, 0, 0);

    public Tokens {
        if (input < 0 || cachedInput < 0 || cacheWrite < 0 || output < 0 || reasoning < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
        if (cachedInput + cacheWrite > input) {
            throw new IllegalArgumentException("cached and cache-write tokens are parts of input tokens");
        }
        if (reasoning > output) {
            throw new IllegalArgumentException("reasoning tokens are part of output tokens");
        }
    }

    public Tokens plus(Tokens other) {
        return new Tokens(input + other.input, cachedInput + other.cachedInput, cacheWrite + other.cacheWrite,
                output + other.output, reasoning + other.reasoning);
    }

    /** Input tokens billed at the plain input rate. */
    public long uncachedInput() {
        return input - cachedInput - cacheWrite;
    }
}
