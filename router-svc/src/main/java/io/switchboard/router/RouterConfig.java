package io.switchboard.router;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the router process itself; what it routes where lives in the routing file. */
@ConfigMapping(prefix = "switchboard.router")
public interface RouterConfig {

    /** Path of the routing file (YAML). */
    String routingFile();

    /** How often the routing file is checked for changes. */
    @WithDefault("2s")
    Duration reloadInterval();

    /** Requests with a larger body are refused with 413. */
    @WithDefault("20M")
    MemorySize maxBodySize();

    /** Serves the simulated providers at {@code /simulator/<provider>/v1/chat/completions}, for direct calls. */
    @WithDefault("true")
    boolean simulatorEndpoint();

    Usage usage();

    interface Usage {

        /** Usage events waiting for the Kafka producer; beyond this they are dropped and counted. */
        @WithDefault("100000")
        int queueCapacity();

        /** Topic override, for tests that isolate their traffic. */
        Optional<String> topic();
    }
}
