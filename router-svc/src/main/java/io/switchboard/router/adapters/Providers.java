package io.switchboard.router.adapters;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.provider.Provider;
import io.switchboard.router.provider.anthropic.AnthropicProvider;
import io.switchboard.router.provider.azure.AzureOpenAiProvider;
import io.switchboard.router.provider.gemini.GeminiProvider;
import io.switchboard.router.provider.openai.OpenAiProvider;
import io.switchboard.router.provider.simulated.SimulatedProvider;
import io.switchboard.router.routing.LiveRoutingTable;
import io.switchboard.router.routing.ProviderSettings;
import io.switchboard.router.routing.RoutingTableChanged;
import io.switchboard.router.routing.StudentRoutesChanged;
import io.vertx.core.Vertx;

/**
 * One adapter per provider of the routing table and per promoted student, by provider name. On a reload of either,
 * unchanged providers keep their adapter (and its connections); replaced and withdrawn ones are closed once the
 * requests they may still serve have had time to end.
 */
@Singleton
public class Providers {

    private final Map<String, Adapter> byName = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final ObjectMapper json;
    private final String version;
    /** The providers of the routing table and the students' (which the routing file cannot name), by name. */
    private Map<String, ProviderSettings> tableProviders;
    private Map<String, ProviderSettings> studentProviders = Map.of();

    Providers(LiveRoutingTable routing, Vertx vertx, ObjectMapper json,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.vertx = vertx;
        this.json = json;
        this.version = version;
        this.tableProviders = routing.current().providers();
        sync();
    }

    synchronized void reloaded(@Observes RoutingTableChanged changed) {
        tableProviders = changed.table().providers();
        sync();
    }

    /** Each change carries every student route in force. */
    synchronized void studentsChanged(@Observes StudentRoutesChanged changed) {
        studentProviders = changed.routes().providers();
        sync();
    }

    private void sync() {
        var wanted = new HashMap<>(tableProviders);
        wanted.putAll(studentProviders);
        var grace = Duration.ofMinutes(10);
        for (var it = byName.entrySet().iterator(); it.hasNext();) {
            var entry = it.next();
            if (!entry.getValue().settings().equals(wanted.get(entry.getKey()))) {
                it.remove();
                var retired = entry.getValue().provider();
                vertx.setTimer(grace.toMillis(), id -> retired.close());
            }
        }
        wanted.forEach((name, settings) -> byName.computeIfAbsent(name,
                n -> new Adapter(settings, adapter(settings))));
    }

    private Provider adapter(ProviderSettings settings) {
        if (settings instanceof ProviderSettings.Simulated simulated) {
            return new SimulatedProvider(vertx, json, simulated);
        }
        var http = (ProviderSettings.Http) settings;
        return switch (http.vendor()) {
            case OPENAI, OPENAI_COMPATIBLE -> new OpenAiProvider(vertx, http, version);
            case AZURE -> new AzureOpenAiProvider(vertx, http, version);
            case ANTHROPIC -> new AnthropicProvider(vertx, http, version);
            case GEMINI -> new GeminiProvider(vertx, http, version);
        };
    }

    public Provider get(String name) {
        var adapter = byName.get(name);
        if (adapter == null) {
            throw new IllegalStateException("no adapter for provider " + name);
        }
        return adapter.provider();
    }

    /** The adapter of this provider, if the routing table or a student route still has it. */
    public Optional<Provider> find(String name) {
        return Optional.ofNullable(byName.get(name)).map(Adapter::provider);
    }

    /** The simulated provider of this name, if there is one. */
    public Optional<SimulatedProvider> simulated(String name) {
        return byName.get(name) != null && byName.get(name).provider() instanceof SimulatedProvider simulated
                ? Optional.of(simulated)
                : Optional.empty();
    }

    @PreDestroy
    void close() {
        byName.values().forEach(adapter -> adapter.provider().close());
    }

    private record Adapter(ProviderSettings settings, Provider provider) {
    }
}
