package io.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/** A webhook receiver over real HTTP that keeps every body it accepts; it can refuse the first few with a 503. */
public final class FakeWebhook implements AutoCloseable {

    private final HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();

    private FakeWebhook(HttpServer server) {
        this.server = server;
    }

    public static FakeWebhook start() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            var webhook = new FakeWebhook(server);
            server.createContext("/hook", exchange -> {
                try (exchange) {
                    var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    if (webhook.refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        exchange.sendResponseHeaders(503, -1);
                        return;
                    }
                    webhook.received.add(body);
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.start();
            return webhook;
        } catch (IOException e) {
            throw new UncheckedIOException("the fake webhook did not start", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next {@code count} deliveries are refused with a 503. */
    public void refuseNext(int count) {
        refusals.set(count);
    }

    /** The bodies accepted, in order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
