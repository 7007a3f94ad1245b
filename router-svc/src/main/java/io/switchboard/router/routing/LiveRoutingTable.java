package io.switchboard.router.routing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.switchboard.router.RouterConfig;
import io.vertx.core.Vertx;

/**
 * Holds the routing table in force. Reads the routing file at start (a bad file stops the start), then looks at it
 * every {@code switchboard.router.reload-interval}: a changed file is checked as a whole and either replaces the table
 * at once, for every request that starts after, or is rejected with its problems logged while the old table stays.
 */
@Singleton
@Startup
public class LiveRoutingTable {

    private static final Logger LOGGER = Logger.getLogger(LiveRoutingTable.class);

    private final Path file;
    private final RoutingFileLoader loader = new RoutingFileLoader(System::getenv);
    private final AtomicReference<RoutingTable> table = new AtomicReference<>();
    private final Event<RoutingTableChanged> changed;
    private final MeterRegistry registry;
    private final Vertx vertx;
    private final long timer;
    private byte[] lastContent;

    LiveRoutingTable(RouterConfig config, Event<RoutingTableChanged> changed, MeterRegistry registry, Vertx vertx) {
        this.file = Path.of(config.routingFile());
        this.changed = changed;
        this.registry = registry;
        this.vertx = vertx;
        this.lastContent = read();
        table.set(loader.parse(new String(lastContent, StandardCharsets.UTF_8), file.toString()));
        log("routing table loaded", table.get());
        long interval = config.reloadInterval().toMillis();
        this.timer = vertx.setPeriodic(interval, interval, id -> vertx.executeBlocking(this::reloadIfChanged, false));
    }

    public RoutingTable current() {
        return table.get();
    }

    /** Reads the file again and applies it if it changed; {@code true} when a new table is in force. */
    synchronized boolean reloadIfChanged() {
        byte[] content;
        try {
            content = read();
        } catch (RoutingConfigException e) {
            reloads("rejected");
            LOGGER.errorf("routing file unreadable, the previous table stays in force: %s", e.getMessage());
            return false;
        }
        if (Arrays.equals(content, lastContent)) {
            return false;
        }
        lastContent = content;
        try {
            var next = loader.parse(new String(content, StandardCharsets.UTF_8), file.toString());
            table.set(next);
            changed.fire(new RoutingTableChanged(next));
            reloads("applied");
            log("routing table reloaded", next);
            return true;
        } catch (RoutingConfigException e) {
            reloads("rejected");
            LOGGER.errorf("routing file rejected, the previous table stays in force: %s", e.getMessage());
            return false;
        }
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RoutingConfigException(file.toString(), List.of("cannot read the file: " + e));
        }
    }

    private void reloads(String result) {
        Counter.builder("switchboard.router.routing.reloads")
                .description("Changes of the routing file, by whether they were applied or rejected")
                .tag("result", result)
                .register(registry).increment();
    }

    private void log(String what, RoutingTable t) {
        LOGGER.infof("%s: file=%s models=%d providers=%d keys=%d priceVersion=%s", what, file, t.models().size(),
                t.providers().size(), t.callersByKeyHash().size(), t.priceVersion());
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(timer);
    }
}
