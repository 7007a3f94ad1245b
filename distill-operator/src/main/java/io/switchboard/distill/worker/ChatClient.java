package io.switchboard.distill.worker;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.AnswerText;

/**
 * OpenAI's chat completions (non-streaming) and model list over java.net.http, with a few retries of what may pass
 * (429, 5xx, I/O), honouring {@code Retry-After}. A 401, 403 or 404 is a setting that is wrong (key, model name, URL):
 * it ends the run as bad input.
 */
final class ChatClient {

    private static final int ATTEMPTS = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** Statuses that no retry mends: a setting is wrong. */
    private static final Map<Integer, String> HINTS = Map.of(401, ": check the router key's Secret", 403,
            ": the key may not use that model", 404, ": check the model name and the URL");

    /** A model's price per million tokens, in USD, as the router's model list gives it. */
    record Pricing(BigDecimal input, BigDecimal output) {
    }

    private final Endpoint endpoint;

    ChatClient(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    Reply ask(String model, List<Example.Message> messages, JsonNode tools) throws InterruptedException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", model).put("stream", false);
        body.set("messages", Json.MAPPER.valueToTree(messages));
        if (tools != null) {
            body.set("tools", tools);
        }
        var request = request("/v1/chat/completions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        var response = send(request, model);
        if (response.failure() != null) {
            return Reply.failed(response.failure());
        }
        try {
            JsonNode completion = Json.MAPPER.readTree(response.body());
            JsonNode message = completion.path("choices").path(0).path("message");
            String answer = message.path("tool_calls").isEmpty()
                    ? message.path("content").textValue()
                    : AnswerText.written(AnswerText.toolCalls(message.get("tool_calls")));
            if (answer == null) {
                return Reply.failed("an answer without content");
            }
            JsonNode usage = completion.path("usage");
            return new Reply(answer, usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong(),
                    response.nanos(), null);
        } catch (JsonProcessingException e) {
            return Reply.failed("an answer that is " + Json.where(e));
        }
    }

    /** The model's price from {@code GET /v1/models}, when the list has one. */
    Optional<Pricing> pricing(String model) throws InterruptedException {
        var response = send(request("/v1/models").GET().build(), model);
        if (response.failure() != null) {
            return Optional.empty();
        }
        try {
            for (JsonNode entry : Json.MAPPER.readTree(response.body()).path("data")) {
                JsonNode pricing = entry.path("pricing");
                if (entry.path("id").asText().equals(model) && pricing.path("input").isTextual()
                        && pricing.path("output").isTextual()) {
                    return Optional.of(new Pricing(new BigDecimal(pricing.get("input").asText()),
                            new BigDecimal(pricing.get("output").asText())));
                }
            }
        } catch (JsonProcessingException | NumberFormatException e) {
            // an unreadable list says nothing about the price
        }
        return Optional.empty();
    }

    private HttpRequest.Builder request(String path) {
        var request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(TIMEOUT);
        if (endpoint.key() != null) {
            request.header("Authorization", "Bearer " + endpoint.key());
        }
        if (endpoint.workload() != null) {
            request.header("x-switchboard-workload", endpoint.workload());
        }
        return request;
    }

    private record Response(String body, long nanos, String failure) {
    }

    private Response send(HttpRequest request, String model) throws InterruptedException {
        String failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            long backoffMillis = FIRST_BACKOFF.toMillis() << (attempt - 1);
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return new Response(response.body(), System.nanoTime() - start, null);
                }
                if (HINTS.containsKey(status)) {
                    throw new BadInput(endpoint.name() + " at " + endpoint.base() + " answered " + status + " to "
                            + request.method() + " " + request.uri().getPath() + " for model " + model
                            + HINTS.get(status));
                }
                failure = "HTTP " + status;
                if (status != 429 && status / 100 != 5) {
                    break;
                }
                backoffMillis = retryAfterMillis(response).orElse(backoffMillis);
            } catch (IOException e) {
                failure = e.getClass().getSimpleName();
            }
            if (attempt < ATTEMPTS) {
                Thread.sleep(backoffMillis);
            }
        }
        return new Response(null, 0, failure);
    }

    private static Optional<Long> retryAfterMillis(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").filter(seconds -> seconds.matches("\\d{1,6}"))
                .map(seconds -> Math.min(Long.parseLong(seconds) * 1000, MAX_RETRY_AFTER.toMillis()));
    }
}
