package io.switchboard.router;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

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

    /** How usage events reach Kafka. */
    Outbox usage();

    /** How captured traffic reaches Kafka (for the workloads the routing file's {@code capture} names). */
    Outbox traces();

    Budgets budgets();

    Decisions decisions();

    /** The decisions topic (pauses, blocks, budget standings), read whole by every replica. */
    interface Decisions {

        /**
         * What the router does until it has read the decisions topic to the end once (after a start, longer when
         * Kafka is away): {@code serve} (fail open: no decision is known yet, and hard budgets are reserved against
         * as if nothing were spent, so a replica spends at most its share of each) or {@code refuse-hard-budgets}
         * (requests of callers with a hard budget get 503 with Retry-After; the others are served).
         */
        @WithDefault("serve")
        UntilCaughtUp untilCaughtUp();

        enum UntilCaughtUp {
            SERVE, REFUSE_HARD_BUDGETS
        }
    }

    /** How requests are held to the hard budgets of the routing file. */
    interface Budgets {

        /**
         * How many router replicas share each budget: each reserves against its share of what is left. Unset (the
         * default), the replicas count themselves as members of the consumer group {@link #replicaGroup()}.
         */
        OptionalInt replicas();

        /** The consumer group whose members are the router replicas sharing each budget. */
        @WithDefault("switchboard-router-replicas")
        String replicaGroup();

        /** The output a request is assumed to be able to produce when it sets no max_tokens, for its worst case. */
        @WithDefault("16384")
        long defaultMaxOutputTokens();

        /**
         * How much newer than a settled cost the events counted by metering must be before the cost is taken as
         * counted: covers events that reach metering out of order.
         */
        @WithDefault("2s")
        Duration countMargin();
    }

    /** A topic the router writes to without the request waiting, spooled on local disk while Kafka is away. */
    interface Outbox {

        /** Records waiting to be written to the spool; beyond this they are dropped and counted. */
        @WithDefault("100000")
        int queueCapacity();

        /** Topic override, for tests that isolate their traffic. */
        Optional<String> topic();

        /**
         * Where the records wait on disk until Kafka has them, and are found again after a restart: a numbered
         * subdirectory per router process (a persistent volume in Kubernetes). Default in
         * {@code application.properties}.
         */
        Path spoolDir();

        /** The spool's bound; when it is full, new records are dropped, counted and logged. */
        @WithDefault("1G")
        MemorySize spoolMaxBytes();

        /** Size of one spool file; a file is deleted once Kafka has every record in it. */
        @WithDefault("16M")
        MemorySize spoolSegmentBytes();

        /** How often the spool is synced to the disk: what a power loss (not a crash of the router) can take. */
        @WithDefault("1s")
        Duration spoolFsyncInterval();
    }
}
