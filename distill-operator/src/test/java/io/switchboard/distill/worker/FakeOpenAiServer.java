package io.switchboard.distill.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A router or a student for the worker's tests, over real HTTP: OpenAI's {@code POST /v1/chat/completions} (not
 * streamed), answered by a function of the request, and {@code GET /v1/models} with the router's pricing.
 */
final class FakeOpenAiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Without it the JDK's server waits on the client's delayed ACK: some 40 ms a request, which the latencies
        // measured would show. Read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A request as it arrived; header names in lower case. */
    record Received(String method, String path, Map<String, String> headers, JsonNode body) {

        String lastUserMessage() {
            JsonNode messages = body.path("messages");
            return messages.path(messages.size() - 1).path("content").asText();
        }
    }

    /** What the server answers: a status, headers and a JSON body, after a delay. */
    record Answer(int status, Map<String, String> headers, String body, long delayMillis) {

        /** A completion with this text and usage, as OpenAI sends it. */
        static Answer completion(String content, int promptTokens, int completionTokens) {
            ObjectNode completion = JSON.createObjectNode().put("id", "chatcmpl-test").put("object", "chat.completion");
            ObjectNode choice = completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", content);
            completion.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                    .put("total_tokens", promptTokens + completionTokens);
            return new Answer(200, Map.of(), completion.toString(), 0);
        }

        /** An OpenAI-style error, with a {@code Retry-After} of 0 seconds when {@code retryAfterZero}. */
        static Answer error(int status, boolean retryAfterZero) {
            return new Answer(status, retryAfterZero ? Map.of("Retry-After", "0") : Map.of(),
                    "{\"error\":{\"message\":\"test failure\",\"type\":\"server_error\"}}", 0);
        }

        Answer after(long millis) {
            return new Answer(status, headers, body, millis);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile String models = "{\"object\":\"list\",\"data\":[]}";

    private FakeOpenAiServer(Function<Received, Answer> chat) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/v1/chat/completions", exchange -> handle(exchange, chat));
        server.createContext("/v1/models",
                exchange -> handle(exchange, request -> new Answer(200, Map.of(), models, 0)));
        server.setExecutor(threads);
        server.start();
    }

    static FakeOpenAiServer start(Function<Received, Answer> chat) {
        try {
            return new FakeOpenAiServer(chat);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lists a model with its price per million tokens (USD), as the router does. */
    FakeOpenAiServer pricing(String model, String input, String output) {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        list.putArray("data").addObject().put("id", model).put("object", "model").putObject("pricing")
                .put("input", input).put("output", output);
        models = list.toString();
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> chats() {
        return received.stream().filter(request -> request.path().equals("/v1/chat/completions")).toList();
    }

    private void handle(HttpExchange exchange, Function<Received, Answer> answerer) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            var request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                    body.length == 0 ? JSON.nullNode() : JSON.readTree(body));
            received.add(request);
            Answer answer = answerer.apply(request);
            Thread.sleep(answer.delayMillis());
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
