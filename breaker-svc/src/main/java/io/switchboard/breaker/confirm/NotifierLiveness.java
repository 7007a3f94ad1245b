package io.switchboard.breaker.confirm;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The notifier's reader retries Kafka for ever and skips records it cannot handle, so a thread that ended was ended by
 * an error and never comes back: liveness, so that the process is restarted.
 */
@Liveness
@ApplicationScoped
public class NotifierLiveness implements HealthCheck {

    private final Notifier notifier;

    NotifierLiveness(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("confirmations-reader").status(notifier.reading()).build();
    }
}
