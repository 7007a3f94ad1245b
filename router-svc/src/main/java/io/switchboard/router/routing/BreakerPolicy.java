package io.switchboard.router.routing;

import java.time.Duration;

/**
 * When a deployment's circuit opens: once {@code failureRatio} of its last {@code window} calls failed. It stays open
 * for {@code delay}, then lets {@code probes} calls through (half-open); if they succeed it closes.
 */
public record BreakerPolicy(int window, double failureRatio, Duration delay, int probes) {

    public static final BreakerPolicy DEFAULT = new BreakerPolicy(10, 0.5, Duration.ofSeconds(30), 2);
}
