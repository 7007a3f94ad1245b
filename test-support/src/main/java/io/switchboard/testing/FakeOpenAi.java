package io.switchboard.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-compatible upstream over real HTTP for tests: {@code POST /v1/chat/completions} answers in the OpenAI wire
 * format, JSON or SSE, with the usage it is told to report, or with the fault it is told to produce. Replies queued with
 * {@link #enqueue} are used once each, in order; after that every request gets the {@link #otherwise} reply.
 */
public final class FakeOpenAi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        var t = new Thread(r, "fake-openai");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Reply> queued = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger disconnects = new AtomicInteger();
    private volatile Reply otherwise = Reply.ok("Hello from the fake upstream.", 12, 7);

    private FakeOpenAi(HttpServer server) {
        this.server = server;
    }

    public static FakeOpenAi start() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            var fake = new FakeOpenAi(server);
            server.createContext("/v1/chat/completions", fake::handle);
            server.setExecutor(fake.workers);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException("the fake upstream did not start", e);
        }
    }

    /** The base URL a provider entry of the routing file points at, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public FakeOpenAi enqueue(Reply... replies) {
        queued.addAll(List.of(replies));
        return this;
    }

    public FakeOpenAi otherwise(Reply reply) {
        otherwise = reply;
        return this;
    }

    /** Every request that reached this upstream, in order of arrival. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** How many answers broke off because the caller went away while they were being written. */
    public int disconnects() {
        return disconnects.get();
    }

    public void reset() {
        queued.clear();
        received.clear();
        disconnects.set(0);
        otherwise = Reply.ok("Hello from the fake upstream.", 12, 7);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(new String(body, StandardCharsets.UTF_8),
                    Map.copyOf(exchange.getRequestHeaders().entrySet().stream()
                            .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toLowerCase(),
                                    e -> e.getValue().get(0), (a, b) -> a)))));
            var reply = queued.poll();
            if (reply == null) {
                reply = otherwise;
            }
            var request = (ObjectNode) JSON.readTree(body);
            try {
                reply.send(exchange, request);
            } catch (IOException e) {
                disconnects.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A request as the upstream received it. Header names are lower case. */
    public record Received(String body, Map<String, String> headers) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What the fake upstream does with one request. */
    @FunctionalInterface
    public interface Reply {

        void send(HttpExchange exchange, ObjectNode request) throws IOException, InterruptedException;

        /** A completion with this text and usage; streamed as SSE chunks when the request asks for a stream. */
        static Reply ok(String text, int promptTokens, int completionTokens) {
            return (exchange, request) -> {
                var model = request.path("model").asText();
                var usage = JSON.createObjectNode()
                        .put("prompt_tokens", promptTokens)
                        .put("completion_tokens", completionTokens)
                        .put("total_tokens", promptTokens + completionTokens);
                if (request.path("stream").asBoolean(false)) {
                    streamCompletion(exchange, model, text, usage,
                            request.path("stream_options").path("include_usage").asBoolean(false));
                } else {
                    var completion = JSON.createObjectNode()
                            .put("id", "chatcmpl-fake")
                            .put("object", "chat.completion")
                            .put("created", 1_763_700_000L)
                            .put("model", model);
                    var choice = completion.putArray("choices").addObject().put("index", 0);
                    choice.putObject("message").put("role", "assistant").put("content", text);
                    choice.put("finish_reason", "stop");
                    completion.set("usage", usage);
                    respond(exchange, 200, JSON.writeValueAsBytes(completion));
                }
            };
        }

        /** An OpenAI-style error answer with this status. */
        static Reply error(int status) {
            return (exchange, request) -> respond(exchange, status,
                    ("{\"error\":{\"message\":\"fake upstream failure\",\"type\":\"server_error\",\"code\":" + status
                            + "}}").getBytes(StandardCharsets.UTF_8));
        }

        /** Accepts the request and never answers: the caller's timeout must end it. */
        static Reply hang() {
            return (exchange, request) -> Thread.sleep(Long.MAX_VALUE);
        }

        /** A stream of {@code words} words, one every {@code interval}: long enough for a caller to leave. */
        static Reply slowStream(int words, Duration interval) {
            return (exchange, request) -> {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                var out = exchange.getResponseBody();
                var model = request.path("model").asText();
                writeChunk(out, model, JSON.createObjectNode().put("role", "assistant").put("content", ""), null);
                for (int i = 0; i < words; i++) {
                    writeChunk(out, model, JSON.createObjectNode().put("content", "word" + i + " "), null);
                    Thread.sleep(interval.toMillis());
                }
                writeChunk(out, model, JSON.createObjectNode(), "stop");
                writeEvent(out, "[DONE]");
                out.close();
            };
        }

        /** A 429, with a {@code Retry-After} of this many seconds when not {@code null}. */
        static Reply rateLimited(Integer retryAfterSeconds) {
            return (exchange, request) -> {
                if (retryAfterSeconds != null) {
                    exchange.getResponseHeaders().set("Retry-After", retryAfterSeconds.toString());
                }
                error(429).send(exchange, request);
            };
        }

        /** Closes the connection without a word. */
        static Reply reset() {
            return (exchange, request) -> exchange.getResponseBody().close();
        }

        /** Sends a success status, then nothing more: a stream gets its role chunk first. */
        static Reply stallBeforeFirstToken() {
            return (exchange, request) -> {
                if (request.path("stream").asBoolean(false)) {
                    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    writeChunk(exchange.getResponseBody(), request.path("model").asText(),
                            JSON.createObjectNode().put("role", "assistant").put("content", ""), null);
                } else {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, 0);
                    exchange.getResponseBody().flush();
                }
                Thread.sleep(Long.MAX_VALUE);
            };
        }

        /** Starts the answer, then stops sending: a stream after a few words, a JSON body halfway. */
        static Reply stallMidStream() {
            return (exchange, request) -> {
                var out = exchange.getResponseBody();
                var model = request.path("model").asText();
                if (request.path("stream").asBoolean(false)) {
                    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    writeChunk(out, model, JSON.createObjectNode().put("role", "assistant").put("content", ""), null);
                    for (var word : new String[]{"The ", "answer ", "is "}) {
                        writeChunk(out, model, JSON.createObjectNode().put("content", word), null);
                    }
                } else {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, 0);
                    out.write("{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"choi".getBytes(
                            StandardCharsets.UTF_8));
                    out.flush();
                }
                Thread.sleep(Long.MAX_VALUE);
            };
        }

        /** A success status with a body that is not JSON. */
        static Reply malformed() {
            return (exchange, request) -> {
                if (request.path("stream").asBoolean(false)) {
                    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    writeEvent(exchange.getResponseBody(), "{\"choices\": [{\"delta\": oops");
                    writeEvent(exchange.getResponseBody(), "[DONE]");
                } else {
                    respond(exchange, 200, "{\"choices\": [oops".getBytes(StandardCharsets.UTF_8));
                }
            };
        }

        /** OpenAI's answer for a model that does not exist (any more). */
        static Reply modelNotFound() {
            return (exchange, request) -> respond(exchange, 404, ("{\"error\":{\"message\":\"The model `"
                    + request.path("model").asText() + "` does not exist or you do not have access to it.\","
                    + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void streamCompletion(HttpExchange exchange, String model, String text, ObjectNode usage,
            boolean includeUsage) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            writeChunk(out, model, JSON.createObjectNode().put("role", "assistant").put("content", ""), null);
            for (var word : text.split("(?<= )")) {
                writeChunk(out, model, JSON.createObjectNode().put("content", word), null);
            }
            writeChunk(out, model, JSON.createObjectNode(), "stop");
            if (includeUsage) {
                var chunk = chunkHeader(model);
                chunk.putArray("choices");
                chunk.set("usage", usage);
                writeEvent(out, JSON.writeValueAsString(chunk));
            }
            writeEvent(out, "[DONE]");
        }
    }

    private static void writeChunk(OutputStream out, String model, ObjectNode delta, String finishReason)
            throws IOException {
        var chunk = chunkHeader(model);
        var choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        writeEvent(out, JSON.writeValueAsString(chunk));
    }

    private static ObjectNode chunkHeader(String model) {
        return JSON.createObjectNode()
                .put("id", "chatcmpl-fake")
                .put("object", "chat.completion.chunk")
                .put("created", 1_763_700_000L)
                .put("model", model);
    }

    private static void writeEvent(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
