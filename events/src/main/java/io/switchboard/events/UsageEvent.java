package io.switchboard.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What one request through the router used and cost. Published once per request that reached routing, keyed by
 * {@link #userId()}. {@link #eventId()} is the idempotency key: consumers must count an event id once, however often it
 * is delivered.
 *
 * @param workload a free-form tag the caller attached to the request (empty when none)
 * @param api the inbound API, one of {@link Api}
 * @param modelServed the upstream model that produced the answer, empty when nothing did
 * @param provider the provider that produced the answer, empty when nothing did
 * @param httpStatus the status the client received
 * @param costMicros cost in micro-USD (1 USD = 1,000,000), computed with the price table {@code priceVersion}
 * @param timeToFirstTokenMillis for streamed answers, until the first content reached the client; else total latency
 * @param tokensEstimated the provider reported no usage (an answer cut short): tokens are the router's estimate
 * @param requestFingerprint a hash of the request's newest turn: equal on consecutive requests when an agent repeats
 *        itself (empty when unknown)
 * @param teacherCostMicros for a request a promoted student served: what the model asked for would have cost on its
 *        own first deployment for the same tokens, in micro-USD; 0 otherwise
 * @param shadow for the teacher's answer to a request a promoted student answered (shadow evaluation): the student's
 *        job and whether the two answers agree; {@code null} for every request a client sent
 */
public record UsageEvent(
        UUID eventId,
        Instant time,
        int schemaVersion,
        String requestId,
        String userId,
        String teamId,
        String keyId,
        String sessionId,
        ClientInfo client,
        String workload,
        String api,
        String modelRequested,
        String modelServed,
        String provider,
        List<Attempt> attempts,
        boolean streaming,
        Outcome outcome,
        int httpStatus,
        Tokens tokens,
        long costMicros,
        String priceVersion,
        long latencyMillis,
        long timeToFirstTokenMillis,
        boolean tokensEstimated,
        String requestFingerprint,
        long teacherCostMicros,
        Shadow shadow) {

    /** Bumped on every change consumers must know about; additive fields do not bump it. */
    public static final int SCHEMA_VERSION = 1;

    public UsageEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(outcome, "outcome");
        teamId = Objects.requireNonNullElse(teamId, "");
        keyId = Objects.requireNonNullElse(keyId, "");
        sessionId = Objects.requireNonNullElse(sessionId, "");
        client = Objects.requireNonNullElse(client, ClientInfo.OTHER);
        workload = Objects.requireNonNullElse(workload, "");
        modelServed = Objects.requireNonNullElse(modelServed, "");
        provider = Objects.requireNonNullElse(provider, "");
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        tokens = Objects.requireNonNullElse(tokens, Tokens.NONE);
        priceVersion = Objects.requireNonNullElse(priceVersion, "");
        requestFingerprint = Objects.requireNonNullElse(requestFingerprint, "");
        if (costMicros < 0 || teacherCostMicros < 0) {
            throw new IllegalArgumentException("costMicros and teacherCostMicros cannot be negative");
        }
    }

    /** An event of a request a client sent, not a shadow. */
    public UsageEvent(UUID eventId, Instant time, int schemaVersion, String requestId, String userId, String teamId,
            String keyId, String sessionId, ClientInfo client, String workload, String api, String modelRequested,
            String modelServed, String provider, List<Attempt> attempts, boolean streaming, Outcome outcome,
            int httpStatus, Tokens tokens, long costMicros, String priceVersion, long latencyMillis,
            long timeToFirstTokenMillis, boolean tokensEstimated, String requestFingerprint, long teacherCostMicros) {
        this(eventId, time, schemaVersion, requestId, userId, teamId, keyId, sessionId, client, workload, api,
                modelRequested, modelServed, provider, attempts, streaming, outcome, httpStatus, tokens, costMicros,
                priceVersion, latencyMillis, timeToFirstTokenMillis, tokensEstimated, requestFingerprint,
                teacherCostMicros, null);
    }

    /**
     * What makes a request a shadow: the router asked the teacher the request a promoted student had just answered,
     * after the client had the student's answer, to compare the two.
     *
     * @param job the route's job, {@code <namespace>/<name>}
     * @param agreed whether the teacher's answer text equals the student's, both trimmed; false when the teacher gave
     *        none (the event's outcome says so)
     */
    public record Shadow(String job, boolean agreed) {

        public Shadow {
            Objects.requireNonNull(job, "job");
        }
    }

    public enum Outcome {
        /** The client received a complete answer. */
        OK,
        /** The upstream refused the request as the client's mistake (4xx), relayed as is. */
        CLIENT_ERROR,
        /** No deployment of the chain could serve the request. */
        UPSTREAM_ERROR,
        /** The answer started and then broke off. */
        INTERRUPTED,
        /** The client disconnected before the answer was complete. */
        CANCELLED
    }

    /** Inbound API names. */
    public static final class Api {

        public static final String OPENAI_CHAT = "openai.chat";
        public static final String OPENAI_RESPONSES = "openai.responses";
        public static final String ANTHROPIC_MESSAGES = "anthropic.messages";
        public static final String EMBEDDINGS = "embeddings";

        private Api() {
        }
    }
}
