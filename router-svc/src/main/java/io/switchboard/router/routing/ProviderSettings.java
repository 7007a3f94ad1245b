package io.switchboard.router.routing;

import java.net.URI;
import java.time.Duration;

/** A provider of the routing table, checked and resolved: what an adapter needs to reach it. */
public sealed interface ProviderSettings {

    String name();

    /** An OpenAI-compatible server over HTTP(S). */
    record OpenAiCompatible(String name, URI baseUrl) implements ProviderSettings {
    }

    /**
     * The built-in simulated upstream: deterministic answers after {@code latency}, streamed one word per
     * {@code chunkInterval}, failing with a 503 at {@code failureRate}.
     */
    record Simulated(String name, Duration latency, Duration chunkInterval, double failureRate)
            implements
                ProviderSettings {
    }
}
