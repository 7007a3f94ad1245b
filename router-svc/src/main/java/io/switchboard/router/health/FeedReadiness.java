package io.switchboard.router.health;

import java.time.Instant;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.switchboard.runtime.kafka.FeedProgress;

/**
 * The readiness of a feed of a whole compacted topic: up once it has read the topic to the end once, with its state,
 * lag, seconds since Kafka answered and its last failure as data. A missing topic keeps it down until the topic exists.
 */
final class FeedReadiness {

    private FeedReadiness() {
    }

    static HealthCheckResponse of(String name, FeedProgress.Status status, Instant started) {
        var response = HealthCheckResponse.named(name)
                .status(status.caughtUp())
                .withData("state", status.state().name().toLowerCase())
                .withData("recordsBehind", status.recordsBehind())
                .withData("secondsSinceKafkaAnswered", status.sinceContact(started, Instant.now()).toSeconds());
        if (!status.problem().isEmpty()) {
            response.withData("problem", status.problem());
        }
        return response.build();
    }
}
