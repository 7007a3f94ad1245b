package io.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Switchboard service ({@code <module>/target/quarkus-app} under the repository root, the system property
 * {@code switchboard.root}, by default the parent of the working directory) running as a process of its own on a free
 * port, its health and metrics on another ({@link #managementUrl()}), its output kept in
 * {@code target/logs/<module>.log} of the working directory.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Path ROOT = Path.of(System.getProperty("switchboard.root", ".."));
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final List<String> command;
    private final Map<String, String> environment;
    private final int port;
    private final int managementPort;
    private final Path log;
    private Process process;

    private ServiceProcess(List<String> command, Map<String, String> environment, int port, int managementPort,
            Path log) {
        this.command = command;
        this.environment = environment;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    public static ServiceProcess start(String module, Map<String, String> config) {
        return start(module, config, Map.of());
    }

    /**
     * With environment variables as well, for settings given the way Kubernetes gives them (the chart's env), which
     * Quarkus maps to property names only from the environment.
     */
    public static ServiceProcess start(String module, Map<String, String> config, Map<String, String> environment) {
        var jar = ROOT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the module first (mvn package)");
        }
        int port = freePort();
        int managementPort = freePort();
        var command = new ArrayList<String>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + managementPort));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        var service = new ServiceProcess(List.copyOf(command), Map.copyOf(environment), port, managementPort,
                Path.of("target/logs", module + ".log"));
        service.launch(Redirect.to(service.log.toFile()));
        return service;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Where its health ({@code /q/health}) and metrics ({@code /q/metrics}) are served. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** Ends the process at once with SIGKILL, as a crash or an OOM kill would: no shutdown hook runs. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asks the process to stop with SIGTERM, as Kubernetes does, and returns at once. */
    public void terminate() {
        process.destroy();
    }

    /** Whether the process has exited within the time given. */
    public boolean exitsWithin(Duration time) throws InterruptedException {
        return process.waitFor(time.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts the service again, as it was started (same port, same settings), its output added to the same log. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("the service is still running");
        }
        launch(Redirect.appendTo(log.toFile()));
    }

    private void launch(Redirect output) {
        try {
            Files.createDirectories(log.getParent());
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        awaitReady();
    }

    private void awaitReady() {
        var client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                var response = client.send(
                        HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        // not left running behind the failed test, writing into the log of the next one
        process.destroyForcibly();
        throw new IllegalStateException("the service was not ready within " + READY_WITHIN + "; see " + log);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every part that was started, in the order given, whatever each one does on the way. */
    public static void closeAll(AutoCloseable... parts) {
        for (var part : parts) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // keep stopping the rest
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
