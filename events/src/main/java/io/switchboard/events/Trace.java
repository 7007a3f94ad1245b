package io.switchboard.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One exchange the router captured for a workload that opted in: the request as the client sent it, the answer as the
 * model gave it, and the same exchange reduced to plain turns and answer text, for a distillation dataset. Every string
 * in it has been through the workload's redaction rules before it left the router. Keyed by {@link #workload()};
 * {@link #traceId()} is the idempotency key, as a usage event's id is.
 *
 * @param requestId the request's id, as its usage event has it
 * @param api the inbound API, one of {@link UsageEvent.Api}
 * @param modelRequested the public model the client asked for, by its name (an alias the client used is resolved)
 * @param modelServed the upstream model that answered
 * @param servedBy who answered: {@link #TEACHER} (a deployment of the model asked for), {@link #FALLBACK} (another
 *        public model of its chain, or a retired model's successor) or {@link #STUDENT} (a promoted student)
 * @param expiresAt the end of the workload's retention: readers ignore the trace after it
 * @param request the request body as sent, redacted
 * @param answer the answer body as the client received it, redacted; {@code null} for a streamed answer
 * @param messages the request's turns as plain text (system first, then the turns in order), redacted
 * @param answerText the text of the answer (streamed or whole), redacted
 */
public record Trace(
        UUID traceId,
        Instant time,
        int schemaVersion,
        String requestId,
        String workload,
        String api,
        String modelRequested,
        String modelServed,
        String provider,
        String servedBy,
        boolean streaming,
        Tokens tokens,
        long latencyMillis,
        Instant expiresAt,
        JsonNode request,
        JsonNode answer,
        List<Turn> messages,
        String answerText) {

    public static final int SCHEMA_VERSION = 1;
    public static final String TEACHER = "teacher";
    public static final String FALLBACK = "fallback";
    public static final String STUDENT = "student";

    public Trace {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(workload, "workload");
        messages = List.copyOf(Objects.requireNonNullElse(messages, List.of()));
        answerText = Objects.requireNonNullElse(answerText, "");
        tokens = Objects.requireNonNullElse(tokens, Tokens.NONE);
        // JSON's null reads back as a NullNode: a streamed answer has none, either way
        answer = answer == null || answer.isNull() ? null : answer;
    }

    /** One turn as plain text: {@code system}, {@code user}, {@code assistant} or {@code tool}. */
    public record Turn(String role, String content) {
    }
}
