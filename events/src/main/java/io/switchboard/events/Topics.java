package io.switchboard.events;

/** Kafka topic names shared by every service. Versioned: a breaking change of a value type gets a new topic. */
public final class Topics {

    /** One {@link UsageEvent} per request that reached routing, keyed by user id. */
    public static final String USAGE = "switchboard.usage.v1";

    /** Compacted; key is the subject ({@code session:<id>}, {@code user:<id>}, ...), a tombstone clears it. */
    public static final String DECISIONS = "switchboard.decisions.v1";

    /** Audit trail of runaway-session confirmations, keyed by session id. */
    public static final String CONFIRMATIONS = "switchboard.confirmations.v1";

    /**
     * Compacted; one {@link StudentRoute} per promoted DistillationJob, keyed by {@code <namespace>/<name>}; a
     * tombstone withdraws the route.
     */
    public static final String ROUTES = "switchboard.routes.v1";

    /**
     * One {@link Trace} per exchange the router captured for a workload that opted in, keyed by workload; retention
     * bounded (the chart's {@code kafka.topics}).
     */
    public static final String TRACES = "switchboard.traces.v1";

    private Topics() {
    }
}
