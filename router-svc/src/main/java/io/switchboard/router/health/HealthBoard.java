package io.switchboard.router.health;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.router.routing.Deployment;
import io.switchboard.router.routing.LiveRoutingTable;
import io.switchboard.router.routing.RoutingTable;
import io.switchboard.router.routing.RoutingTableChanged;
import io.switchboard.router.routing.StudentRoutesChanged;

/**
 * The health of every deployment of the routing table, by deployment id. A deployment keeps its health across
 * reloads unless its circuit-breaker policy changed; "model gone" marks are cleared by any reload. Promoted students
 * are added on their first request, with the table's circuit-breaker policy, and start afresh when their route or the
 * routing file changes.
 */
@Singleton
public class HealthBoard {

    private final Map<String, DeploymentHealth> byId = new ConcurrentHashMap<>();
    private final LiveRoutingTable routing;
    private final MeterRegistry registry;

    HealthBoard(LiveRoutingTable routing, MeterRegistry registry) {
        this.routing = routing;
        this.registry = registry;
        sync(routing.current());
    }

    void reloaded(@Observes RoutingTableChanged changed) {
        sync(changed.table());
    }

    void studentsChanged(@Observes StudentRoutesChanged changed) {
        byId.values().removeIf(health -> health.deployment().provider().equals(changed.provider()));
    }

    private void sync(RoutingTable table) {
        var current = new ConcurrentHashMap<String, DeploymentHealth>();
        for (var route : table.models().values()) {
            for (var deployment : route.deployments()) {
                var existing = byId.get(deployment.id());
                current.computeIfAbsent(deployment.id(), id -> existing != null
                        && existing.policy().equals(table.breaker()) && !existing.gone()
                                ? existing
                                : new DeploymentHealth(deployment, table.breaker()));
                Gauge.builder("switchboard.router.circuit.state", this, board -> board.stateValue(deployment.id()))
                        .description("Circuit of each deployment: 0 closed, 1 half-open, 2 open")
                        .tags("provider", deployment.provider(), "model", deployment.model())
                        .register(registry);
            }
        }
        byId.keySet().retainAll(current.keySet());
        byId.putAll(current);
    }

    public DeploymentHealth of(Deployment deployment) {
        return byId.computeIfAbsent(deployment.id(), id -> new DeploymentHealth(deployment,
                routing.current().breaker()));
    }

    public Collection<DeploymentHealth> all() {
        return List.copyOf(byId.values());
    }

    private double stateValue(String id) {
        var health = byId.get(id);
        if (health == null) {
            return Double.NaN;
        }
        return switch (health.state()) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}
