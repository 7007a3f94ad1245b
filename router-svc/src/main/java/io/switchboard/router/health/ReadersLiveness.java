package io.switchboard.router.health;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.switchboard.router.decisions.DecisionTable;
import io.switchboard.router.students.LiveStudentRoutes;
import io.switchboard.router.usage.UsagePublisher;
import io.switchboard.runtime.kafka.FeedProgress;

/**
 * The router's own Kafka threads: the decisions and routes readers and the usage spool's writer and sender. They
 * retry Kafka's failures for ever, so one that has ended was ended by an error and never comes back: liveness, so that
 * the process is restarted rather than only taken out of rotation.
 */
@Liveness
@Singleton
public class ReadersLiveness implements HealthCheck {

    private final DecisionTable decisions;
    private final LiveStudentRoutes routes;
    private final UsagePublisher usage;

    ReadersLiveness(DecisionTable decisions, LiveStudentRoutes routes, UsagePublisher usage) {
        this.decisions = decisions;
        this.routes = routes;
        this.usage = usage;
    }

    @Override
    public HealthCheckResponse call() {
        boolean decisionsRead = decisions.status().state() != FeedProgress.State.STOPPED;
        boolean routesRead = routes.status().state() != FeedProgress.State.STOPPED;
        boolean usageSent = usage.alive();
        return HealthCheckResponse.named("kafka-threads")
                .status(decisionsRead && routesRead && usageSent)
                .withData("decisionsReader", decisionsRead)
                .withData("routesReader", routesRead)
                .withData("usageSpool", usageSent)
                .build();
    }
}
