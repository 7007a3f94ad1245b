package io.switchboard.router.health;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.switchboard.router.students.LiveStudentRoutes;

/**
 * Not ready until the routes feed has read the topic to the end once, as with decisions: before that a replica would
 * send a promoted workload to its teacher, at the teacher's price, and its replies would differ from the other
 * replicas'. Once caught up it stays ready while Kafka is away, serving the routes it knows.
 */
@Readiness
@Singleton
public class StudentRoutesReadiness implements HealthCheck {

    private final LiveStudentRoutes routes;

    StudentRoutesReadiness(LiveStudentRoutes routes) {
        this.routes = routes;
    }

    @Override
    public HealthCheckResponse call() {
        return FeedReadiness.of("student-routes", routes.status(), routes.started());
    }
}
