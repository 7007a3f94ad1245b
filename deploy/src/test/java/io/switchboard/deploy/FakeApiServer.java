package io.switchboard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Just enough of a Kubernetes API for the chart's {@code lookup} of its own Secrets. helm-java's template command is
 * not client-only (its lookup calls a cluster, where the helm CLI's returns nothing), so the tests point it at this
 * server through the kubeconfig that surefire names in KUBECONFIG. It also lets a test play an upgrade: a Secret put
 * here is what the chart finds in the cluster.
 */
final class FakeApiServer implements AutoCloseable {

    private static final String DISCOVERY = """
            {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
            {"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret","verbs":["get","list"]}]}""";

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    private FakeApiServer(HttpServer server) {
        this.server = server;
    }

    /** Starts the server and writes the kubeconfig that KUBECONFIG names (see deploy/pom.xml). */
    static FakeApiServer start() {
        try {
            var server = new FakeApiServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            server.server.createContext("/", server::handle);
            server.server.start();
            var kubeconfig = Path.of(System.getenv().getOrDefault("KUBECONFIG", "target/kubeconfig"));
            Files.createDirectories(kubeconfig.toAbsolutePath().getParent());
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: fake, cluster: {server: "http://127.0.0.1:%d"}}]
                    users: [{name: fake, user: {token: fake}}]
                    contexts: [{name: fake, context: {cluster: fake, user: fake}}]
                    current-context: fake
                    """.formatted(server.server.getAddress().getPort()));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void put(Secret secret) {
        secrets.put(secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName(),
                Serialization.asJson(secret));
    }

    void remove(Secret secret) {
        secrets.remove(secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName());
    }

    private void handle(HttpExchange exchange) throws IOException {
        var path = exchange.getRequestURI().getPath();
        String body = null;
        if (path.equals("/api")) {
            body = "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}";
        } else if (path.equals("/apis")) {
            body = "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";
        } else if (path.equals("/api/v1")) {
            body = DISCOVERY;
        } else if (path.matches("/api/v1/namespaces/[^/]+/secrets/[^/]+")) {
            var parts = path.split("/");
            body = secrets.get(parts[4] + "/" + parts[6]);
        }
        var status = body == null ? 404 : 200;
        if (body == null) {
            body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}";
        }
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
