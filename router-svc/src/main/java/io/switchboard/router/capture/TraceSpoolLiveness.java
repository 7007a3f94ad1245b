package io.switchboard.router.capture;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The threads that write captured traffic to its spool and send it to Kafka. They retry Kafka's failures for ever, so
 * one that has ended was ended by an error: liveness, as for the router's other Kafka threads.
 */
@Liveness
@Singleton
public class TraceSpoolLiveness implements HealthCheck {

    private final TraceCapture traces;

    TraceSpoolLiveness(TraceCapture traces) {
        this.traces = traces;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("trace-spool").status(traces.alive()).build();
    }
}
