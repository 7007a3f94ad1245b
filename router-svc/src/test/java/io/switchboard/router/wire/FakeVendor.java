package io.switchboard.router.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One fake upstream over real HTTP for every vendor API: OpenAI chat completions and responses, Anthropic messages,
 * Gemini generateContent (whatever the path prefix, so Azure's paths land here too). It answers with the recorded
 * fixtures under {@code wire/<api>/} ({@code reply-<scenario>.json}, or {@code stream-<scenario>.sse} event by event
 * when the request streams) and remembers every request it got.
 */
public final class FakeVendor implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        var t = new Thread(r, "fake-vendor");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile String scenario = "tools";

    /** A request as it arrived: its path and query, its headers (lower-case names, first values), its bytes. */
    public record Received(String path, Map<String, String> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private FakeVendor(HttpServer server) {
        this.server = server;
    }

    public static FakeVendor start() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            var fake = new FakeVendor(server);
            server.createContext("/", fake::handle);
            server.setExecutor(fake.workers);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException("the fake vendor did not start", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Which recorded answers to give: {@code text} or {@code tools}. */
    public void scenario(String scenario) {
        this.scenario = scenario;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Received last() {
        return received.get(received.size() - 1);
    }

    public void reset() {
        received.clear();
        scenario = "tools";
    }

    /** The recorded fixture, as bytes. */
    public static byte[] fixture(String api, String name) {
        return Fixtures.bytes(api, name);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = exchange.getRequestBody().readAllBytes();
            var path = exchange.getRequestURI().toString();
            var headers = new HashMap<String, String>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            received.add(new Received(path, Map.copyOf(headers), body));
            if (path.endsWith("/v1/messages/count_tokens")) {
                send(exchange, 200, "application/json", "{\"input_tokens\":321}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.endsWith("/embeddings")) {
                send(exchange, 200, "application/json", ("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\","
                        + "\"index\":0,\"embedding\":[0.1,-0.2,0.3]}],\"model\":\"text-embedding-3-small\","
                        + "\"usage\":{\"prompt_tokens\":8,\"total_tokens\":8}}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            var api = path.endsWith("/chat/completions")
                    ? "openai-chat"
                    : path.endsWith("/responses")
                            ? "openai-responses"
                            : path.endsWith("/v1/messages")
                                    ? "anthropic-messages"
                                    : path.contains(":generateContent") || path.contains(":streamGenerateContent")
                                            ? "gemini"
                                            : null;
            if (api == null) {
                send(exchange, 404, "application/json", "{\"error\":{\"message\":\"no such path\"}}".getBytes(
                        StandardCharsets.UTF_8));
                return;
            }
            boolean stream = path.contains(":streamGenerateContent") || JSON.readTree(body).path("stream").asBoolean();
            if (!stream) {
                send(exchange, 200, "application/json", fixture(api, "reply-" + scenario + ".json"));
                return;
            }
            exchange.getResponseHeaders().set("content-type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            var out = exchange.getResponseBody();
            var events = new String(fixture(api, "stream-" + scenario + ".sse"), StandardCharsets.UTF_8)
                    .replace("\r\n", "\n").split("(?<=\n\n)");
            for (var event : events) {
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("content-type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
