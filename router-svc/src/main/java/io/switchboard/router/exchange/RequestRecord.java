package io.switchboard.router.exchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.switchboard.events.Attempt;
import io.switchboard.events.ClientInfo;
import io.switchboard.events.Tokens;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.routing.Caller;
import io.switchboard.router.routing.Deployment;

/**
 * What the router learns about one request while serving it, turned into exactly one {@link UsageEvent} at the end.
 * Confined to the request's event-loop thread.
 */
public final class RequestRecord {

    private final String requestId = RandomIds.next().toString();
    private final Instant startedAt = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final String api;
    private final Caller caller;
    private final ClientInfo client;
    private final String session;
    private final String workload;
    private final String modelRequested;
    private final boolean streaming;
    private final String fingerprint;
    private final List<Attempt> attempts = new ArrayList<>(2);
    private Deployment served;
    private Deployment student;
    private Deployment teacher;
    private long servedSinceNanos;
    private long firstByteNanos;
    private Tokens tokens = Tokens.NONE;
    private boolean tokensEstimated;
    private UsageEvent.Shadow shadow;
    private boolean finished;

    public RequestRecord(String api, Caller caller, ClientInfo client, String session, String workload,
            String modelRequested, boolean streaming, String fingerprint) {
        this.api = api;
        this.caller = caller;
        this.client = client;
        this.session = session;
        this.workload = workload;
        this.modelRequested = modelRequested;
        this.streaming = streaming;
        this.fingerprint = fingerprint;
    }

    public String requestId() {
        return requestId;
    }

    public String modelRequested() {
        return modelRequested;
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    public void failedAttempt(Attempt attempt) {
        attempts.add(attempt);
    }

    /**
     * A promoted student heads the plan, in place of the teacher's first deployment: if it serves, the event says
     * what the teacher would have cost.
     */
    public void studentFor(Deployment student, Deployment teacher) {
        this.student = student;
        this.teacher = teacher;
    }

    /** This request is the teacher's shadow of a student's answer: its event says so. */
    void shadow(UsageEvent.Shadow shadow) {
        this.shadow = shadow;
    }

    /** This deployment answered and its answer goes to the client. */
    public void servedBy(Deployment deployment, long attemptStartedNanos) {
        this.served = deployment;
        this.servedSinceNanos = attemptStartedNanos;
    }

    /** The answer of the deployment that was serving failed before reaching the client; another will serve. */
    public void unserved() {
        this.served = null;
    }

    public Deployment served() {
        return served;
    }

    public void firstByteSent() {
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
    }

    public void tokens(Tokens tokens) {
        this.tokens = tokens;
        this.tokensEstimated = false;
    }

    /** For an answer cut short before the provider reported usage: the router's own estimate. */
    public void estimateTokens(long input, long output) {
        if (tokens.equals(Tokens.NONE)) {
            this.tokens = new Tokens(input, 0, 0, output, 0);
            this.tokensEstimated = true;
        }
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /**
     * Closes the record; {@code null} when it was closed before, so that a request is never metered twice.
     *
     * @param servedOutcome how the serving attempt ended, {@code null} when no deployment served
     */
    public UsageEvent finish(UsageEvent.Outcome outcome, Attempt.Outcome servedOutcome, int httpStatus,
            String priceVersion) {
        if (finished) {
            return null;
        }
        finished = true;
        long now = System.nanoTime();
        if (served != null && servedOutcome != null) {
            attempts.add(new Attempt(served.provider(), served.model(), servedOutcome, httpStatus,
                    (now - servedSinceNanos) / 1_000_000));
        }
        long latency = (now - startedNanos) / 1_000_000;
        long ttft = firstByteNanos == 0 ? latency : (firstByteNanos - startedNanos) / 1_000_000;
        long cost = served == null ? 0 : served.price().costMicros(tokens);
        long teacherCost = served != null && served == student && teacher != null
                ? teacher.price().costMicros(tokens)
                : 0;
        return new UsageEvent(RandomIds.next(), startedAt, UsageEvent.SCHEMA_VERSION, requestId, caller.user(),
                caller.team(), caller.keyId(), session, client, workload, api, modelRequested,
                served == null ? "" : served.model(), served == null ? "" : served.provider(), attempts, streaming,
                outcome, httpStatus, tokens, cost, priceVersion, latency, ttft, tokensEstimated, fingerprint,
                teacherCost, shadow);
    }
}
