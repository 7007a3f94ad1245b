package io.switchboard.router.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.events.Attempt;
import io.switchboard.events.UsageEvent;
import io.switchboard.runtime.kafka.FeedProgress;

/**
 * The router's Prometheus metrics. Labels are bounded: models come from the routing table, never from the request as
 * typed, and no label carries a user or key.
 */
@Singleton
public class RouterMetrics {

    private final MeterRegistry registry;
    private final Timer overhead;
    private final Map<RequestTags, RequestMeters> requestMeters = new ConcurrentHashMap<>();
    private final Map<RequestTags, Timer> timeToFirstToken = new ConcurrentHashMap<>();
    /** By workload and result; the workloads are those the routing file captures. */
    private final Map<List<String>, Counter> captures = new ConcurrentHashMap<>();
    /** By model, student and who answered; the students are the routes in force. */
    private final Map<List<String>, Counter> studentRequests = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> shadows = new ConcurrentHashMap<>();

    public RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.overhead = Timer.builder("switchboard.router.overhead")
                .description("Time from a request's arrival in the router to its first upstream call")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /**
     * Removes the router's meters when the application stops: gauges hold the beans they read, and a JVM that starts
     * the application again (the tests do) would otherwise keep reading the old ones.
     */
    @PreDestroy
    void removeMeters() {
        registry.getMeters().stream().filter(meter -> meter.getId().getName().startsWith("switchboard.router."))
                .forEach(registry::remove);
    }

    /** One finished request. */
    public void request(UsageEvent event) {
        var meters = requestMeters.computeIfAbsent(
                new RequestTags(event.modelRequested(), event.provider(), event.outcome()), this::requestMeters);
        meters.requests().increment();
        meters.duration().record(event.latencyMillis(), TimeUnit.MILLISECONDS);
        if (event.streaming() && event.outcome() == UsageEvent.Outcome.OK) {
            // registered with the first stream, so that a router serving none exports no empty series
            timeToFirstToken.computeIfAbsent(new RequestTags(event.modelRequested(), event.provider(), event.outcome()),
                    this::timeToFirstToken).record(event.timeToFirstTokenMillis(), TimeUnit.MILLISECONDS);
        }
        if (meters.inputTokens() != null) {
            meters.inputTokens().record(event.tokens().input());
            meters.outputTokens().record(event.tokens().output());
        }
    }

    /** The meters of one model, provider and outcome, registered once: a request only records into them. */
    private RequestMeters requestMeters(RequestTags tags) {
        var provider = tags.provider().isEmpty() ? "none" : tags.provider();
        var outcome = tags.outcome().name().toLowerCase();
        return new RequestMeters(
                Counter.builder("switchboard.router.requests")
                        .description("Requests that reached routing, by public model, serving provider and outcome")
                        .tags("model", tags.model(), "provider", provider, "outcome", outcome)
                        .register(registry),
                Timer.builder("gen_ai.client.operation.duration")
                        .description("Time from request to the end of the answer")
                        .tags("gen_ai.request.model", tags.model(), "gen_ai.provider.name", provider, "outcome",
                                outcome)
                        .publishPercentileHistogram()
                        .register(registry),
                tags.provider().isEmpty() ? null : tokens("input", tags),
                tags.provider().isEmpty() ? null : tokens("output", tags));
    }

    private Timer timeToFirstToken(RequestTags tags) {
        return Timer.builder("gen_ai.server.time_to_first_token")
                .description("Time from request to the first streamed byte sent to the client")
                .tags("gen_ai.request.model", tags.model(), "gen_ai.provider.name",
                        tags.provider().isEmpty() ? "none" : tags.provider())
                .publishPercentileHistogram()
                .register(registry);
    }

    private DistributionSummary tokens(String type, RequestTags tags) {
        return DistributionSummary.builder("gen_ai.client.token.usage")
                .description("Tokens per request")
                .baseUnit("tokens")
                .tags("gen_ai.token.type", type, "gen_ai.request.model", tags.model(), "gen_ai.provider.name",
                        tags.provider())
                .register(registry);
    }

    private record RequestTags(String model, String provider, UsageEvent.Outcome outcome) {
    }

    /** Token summaries are {@code null} for requests no provider answered. */
    private record RequestMeters(Counter requests, Timer duration, DistributionSummary inputTokens,
            DistributionSummary outputTokens) {
    }

    /** A deployment of the chain failed before answering and the next one is tried. */
    public void failover(String model, String provider, Attempt.Outcome reason) {
        Counter.builder("switchboard.router.failovers")
                .description("Attempts that failed and passed the request on along the fallback chain")
                .tags("model", model, "provider", provider, "reason", reason.name().toLowerCase())
                .register(registry).increment();
    }

    /** A deployment was passed over without a call because its circuit is open. */
    public void circuitSkip(String model, String provider) {
        Counter.builder("switchboard.router.circuit.skips")
                .description("Deployments passed over without a call because their circuit was open")
                .tags("model", model, "provider", provider)
                .register(registry).increment();
    }

    /** A request for a retired model, served by its successor. */
    public void retiredModel(String model, String successor) {
        Counter.builder("switchboard.router.retired.requests")
                .description("Requests for retired models, served by their successors")
                .tags("model", model, "successor", successor)
                .register(registry).increment();
    }

    /** The router's own time before the first upstream call: authentication, inspection, planning. */
    public void overhead(long nanos) {
        overhead.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A request refused by a decision (a paused or blocked session, user, key or team) or a budget. */
    public void refused(String action) {
        Counter.builder("switchboard.router.refused")
                .description(
                        "Requests refused by decisions or budgets, by action: pause, block, budget, budget_unknown")
                .tag("action", action)
                .register(registry).increment();
    }

    /**
     * The counter of what became of the records of an outbox ({@code usage}, {@code traces}): published (Kafka has
     * it), replayed (published from the spool, after waiting there), failed (a delivery attempt failed; the record
     * waits in the spool), dropped (lost: the spool was full, or the writer fell behind).
     */
    public Counter outboxRecords(String outbox, String result) {
        return Counter.builder("switchboard.router." + outbox + ".events")
                .description("Records of the " + outbox + " outbox by what became of them: published, replayed "
                        + "(published from the spool), failed (an attempt; the record is retried), dropped (lost)")
                .tag("result", result)
                .register(registry);
    }

    /**
     * A sampled request of a captured workload: captured (handed to the traces outbox) or too_large (request and
     * answer over the workload's maxExampleBytes, so not kept).
     */
    public void captured(String workload, String result) {
        captures.computeIfAbsent(List.of(workload, result), tags -> Counter.builder(
                "switchboard.router.capture.exchanges")
                .description("Sampled requests of the workloads whose traffic is captured, by what became of them: "
                        + "captured, too_large (over the workload's maxExampleBytes)")
                .tags("workload", workload, "result", result)
                .register(registry)).increment();
    }

    /** How many router replicas share each hard budget, as counted. */
    public void budgetReplicas(IntSupplier replicas) {
        Gauge.builder("switchboard.router.budget.replicas", replicas::getAsInt)
                .description("Router replicas sharing each hard budget: this replica reserves against that share of "
                        + "what is left")
                .strongReference(true)
                .register(registry);
    }

    /**
     * A feed of a whole compacted topic ({@code switchboard.router.<name>.*}): whether it has caught up once, its
     * state, records behind the topic's end and seconds since Kafka last answered it (since {@code started} before it
     * ever did).
     *
     * @param name the meters' name: "decisions"
     * @param what the topic's content, for the descriptions: "decisions and budget standings"
     */
    public void feed(String name, String what, Supplier<FeedProgress.Status> status, Instant started) {
        var prefix = "switchboard.router." + name;
        Gauge.builder(prefix + ".caught.up", () -> status.get().caughtUp() ? 1 : 0)
                .description("1 once the " + name + " feed has read the topic to the end offsets found at its start; "
                        + "until then " + what + " may be missing")
                .strongReference(true)
                .register(registry);
        Gauge.builder(prefix + ".state", () -> switch (status.get().state()) {
            case LIVE -> 0;
            case CATCHING_UP -> 1;
            case CONNECTING -> 2;
            case STOPPED -> 3;
        })
                .description("The " + name + " feed: 0 live, 1 catching up, 2 connecting (Kafka does not answer; "
                        + "retried), 3 stopped (restart the router)")
                .strongReference(true)
                .register(registry);
        Gauge.builder(prefix + ".lag", () -> status.get().recordsBehind())
                .description("Records of " + what + " not read yet, when Kafka last answered; -1 before it did")
                .baseUnit("records")
                .strongReference(true)
                .register(registry);
        Gauge.builder(prefix + ".staleness",
                () -> status.get().sinceContact(started, Instant.now()).toMillis() / 1000.0)
                .description("Seconds since Kafka last answered the " + name + " feed (since the start before it did)")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
    }

    /** How many student routes are in force. */
    public void studentRoutes(IntSupplier routes) {
        Gauge.builder("switchboard.router.student.routes", routes::getAsInt)
                .description("Promoted students' routes in force on this replica (switchboard.routes.v1)")
                .strongReference(true)
                .register(registry);
    }

    /**
     * A request planned with a student first, by who answered it: the student, the teacher's chain behind it, or
     * nobody.
     */
    public void studentRequest(UsageEvent event, String student) {
        var answeredBy = event.provider().equals(student) ? "student" : event.provider().isEmpty() ? "none" : "teacher";
        studentRequests.computeIfAbsent(List.of(event.modelRequested(), student, answeredBy), tags -> Counter
                .builder("switchboard.router.student.requests")
                .description("Requests planned with a promoted student first, by public model, student and who "
                        + "answered: student, teacher (the model's own chain) or none")
                .tags("model", event.modelRequested(), "student", student, "answered_by", answeredBy)
                .register(registry)).increment();
    }

    /**
     * A student's answer the teacher was also asked (shadow evaluation), by what came of it: agreed, disagreed,
     * failed (the teacher gave no answer) or skipped (the teacher could not be asked).
     */
    public void shadow(String model, String student, String result) {
        shadows.computeIfAbsent(List.of(model, student, result), tags -> Counter
                .builder("switchboard.router.student.shadows")
                .description("Students' answers the teacher was also asked, by public model, student and result: "
                        + "agreed, disagreed, failed (no answer from the teacher), skipped (the teacher could not be "
                        + "asked)")
                .tags("model", model, "student", student, "result", result)
                .register(registry)).increment();
    }

    /** An outbox's spool on local disk: its size, its bound, and the records in it that Kafka does not have yet. */
    public void outboxSpool(String outbox, Supplier<Number> bytes, Supplier<Number> pending, long maxBytes) {
        Gauge.builder("switchboard.router." + outbox + ".spool.size", bytes)
                .description("Bytes of " + outbox + " records spooled on local disk")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
        Gauge.builder("switchboard.router." + outbox + ".spool.limit", () -> maxBytes)
                .description("The spool's bound (switchboard.router." + outbox + ".spool-max-bytes); beyond it "
                        + "records are dropped")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
        Gauge.builder("switchboard.router." + outbox + ".spool.pending", pending)
                .description("Records of the " + outbox + " outbox spooled and not yet acknowledged by Kafka")
                .strongReference(true)
                .register(registry);
    }
}
