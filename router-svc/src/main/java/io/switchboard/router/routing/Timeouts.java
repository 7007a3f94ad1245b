package io.switchboard.router.routing;

import java.time.Duration;

/**
 * How long one attempt on a deployment may take: to connect; to the response headers; to the first token of a
 * stream; between two chunks; for the whole answer.
 */
public record Timeouts(Duration connect, Duration firstByte, Duration firstToken, Duration idle, Duration total) {

    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60),
            Duration.ofSeconds(90), Duration.ofSeconds(60), Duration.ofMinutes(10));
}
