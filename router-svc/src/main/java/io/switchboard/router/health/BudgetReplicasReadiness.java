package io.switchboard.router.health;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.switchboard.router.budget.ReplicaCount;

/**
 * Not ready until this replica knows how many replicas share each hard budget: a new replica that took itself for the
 * only one would reserve against everything that is left.
 */
@Readiness
@Singleton
public class BudgetReplicasReadiness implements HealthCheck {

    private final ReplicaCount replicas;

    BudgetReplicasReadiness(ReplicaCount replicas) {
        this.replicas = replicas;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("budget-replicas")
                .status(replicas.known())
                .withData("replicas", replicas.current())
                .build();
    }
}
