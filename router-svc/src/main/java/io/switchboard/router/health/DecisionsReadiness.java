package io.switchboard.router.health;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.switchboard.router.decisions.DecisionTable;

/**
 * Not ready until the decisions feed has read the topic to the end once: before that a replica would serve paused,
 * blocked and over-budget callers it does not know of yet. Once caught up it stays ready while Kafka is away, as it
 * enforces what it knows (Kafka's absence is in the data and the metrics).
 */
@Readiness
@Singleton
public class DecisionsReadiness implements HealthCheck {

    private final DecisionTable decisions;

    DecisionsReadiness(DecisionTable decisions) {
        this.decisions = decisions;
    }

    @Override
    public HealthCheckResponse call() {
        return FeedReadiness.of("decisions", decisions.status(), decisions.started());
    }
}
