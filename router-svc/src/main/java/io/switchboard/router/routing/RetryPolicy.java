package io.switchboard.router.routing;

import java.time.Duration;

/**
 * What one request may spend walking its fallback chain, so that an outage does not multiply load: at most
 * {@code maxAttempts} upstream calls within {@code budget}. A 429 whose {@code Retry-After} is at most
 * {@code maxRetryAfter} is retried on the same deployment after that wait; a longer one moves on.
 */
public record RetryPolicy(int maxAttempts, Duration budget, Duration maxRetryAfter) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(120), Duration.ofSeconds(2));
}
