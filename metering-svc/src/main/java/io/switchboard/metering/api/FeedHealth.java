package io.switchboard.metering.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import io.switchboard.metering.budget.BudgetNotifier;
import io.switchboard.runtime.kafka.DecisionFeed;
import io.switchboard.runtime.kafka.FeedProgress;

/**
 * Metering's own Kafka readers, beside Kafka Streams' checks. Readiness: the decisions feed has caught up once, as
 * {@code GET /v1/budgets} answers 503 until then. Liveness: the feed's and the budget
 * notifier's threads run; they retry Kafka for ever, so one that ended was ended by an error and needs a restart.
 */
class FeedHealth {

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck decisionsCaughtUp(DecisionFeed decisions) {
        return () -> {
            var status = decisions.status();
            var response = HealthCheckResponse.named("decisions")
                    .status(status.caughtUp())
                    .withData("state", status.state().name().toLowerCase())
                    .withData("recordsBehind", status.recordsBehind());
            if (!status.problem().isEmpty()) {
                response.withData("problem", status.problem());
            }
            return response.build();
        };
    }

    @Produces
    @Liveness
    @ApplicationScoped
    HealthCheck readersRunning(DecisionFeed decisions, BudgetNotifier notifier) {
        return () -> {
            boolean decisionsRead = decisions.status().state() != FeedProgress.State.STOPPED;
            return HealthCheckResponse.named("kafka-readers")
                    .status(decisionsRead && notifier.reading())
                    .withData("decisionsReader", decisionsRead)
                    .withData("budgetNotifier", notifier.reading())
                    .build();
        };
    }
}
