package io.switchboard.router.provider;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.provider.openai.OpenAiCompatibleProvider;
import io.switchboard.router.provider.simulated.SimulatedProvider;
import io.switchboard.router.routing.LiveRoutingTable;
import io.switchboard.router.routing.ProviderSettings;
import io.vertx.core.Vertx;

/** One adapter per provider of the routing table, by provider name. */
@ApplicationScoped
public class Providers {

    private final Map<String, Provider> byName = new HashMap<>();

    Providers(LiveRoutingTable routing, Vertx vertx, ObjectMapper json) {
        routing.current().providers().forEach((name, settings) -> byName.put(name,
                settings instanceof ProviderSettings.Simulated simulated
                        ? new SimulatedProvider(vertx, json, simulated)
                        : new OpenAiCompatibleProvider(vertx, (ProviderSettings.OpenAiCompatible) settings)));
    }

    public Provider get(String name) {
        var provider = byName.get(name);
        if (provider == null) {
            throw new IllegalStateException("no adapter for provider " + name);
        }
        return provider;
    }

    /** The simulated provider of this name, if there is one. */
    public Optional<SimulatedProvider> simulated(String name) {
        return byName.get(name) instanceof SimulatedProvider simulated
                ? Optional.of(simulated)
                : Optional.empty();
    }

    @PreDestroy
    void close() {
        byName.values().forEach(Provider::close);
    }
}
