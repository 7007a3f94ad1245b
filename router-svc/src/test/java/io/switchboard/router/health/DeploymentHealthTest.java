package io.switchboard.router.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.switchboard.router.RouterTestResource;
import io.switchboard.router.routing.BreakerPolicy;
import io.switchboard.router.routing.Deployment;
import io.switchboard.router.routing.Price;
import io.switchboard.router.routing.Timeouts;

/** Runs inside Quarkus: SmallRye Fault Tolerance builds its guards with CDI. */
@QuarkusTest
@WithTestResource(RouterTestResource.class)
class DeploymentHealthTest {

    private final Deployment deployment = new Deployment("p", "m", new Price(1, 1, 1, 1), 1, "", Timeouts.DEFAULT,
            null, Deployment.UnsupportedTools.DROP);

    @Test
    void theCircuitOpensOnFailuresAndClosesAfterProbes() throws Exception {
        // given: open after 2 of 4 calls failed, probe after 200 ms with one call
        var health = new DeploymentHealth(deployment, new BreakerPolicy(4, 0.5, Duration.ofMillis(200), 1));

        // when
        succeed(admit(health), 100);
        admit(health).failed();
        succeed(admit(health), 300);
        admit(health).failed();

        // then: open, and calls are refused without being made
        assertThat(health.state()).isEqualTo(CircuitBreakerState.OPEN);
        assertThatThrownBy(() -> admit(health)).hasCauseInstanceOf(CircuitBreakerOpenException.class);
        assertThat(health.recentErrorRate()).isEqualTo(0.5);
        assertThat(health.ttftMillis()).isEqualTo(0.3 * 300 + 0.7 * 100);

        // and after the delay one probe goes through and closes it
        Thread.sleep(250);
        succeed(admit(health), 50);
        assertThat(health.state()).isEqualTo(CircuitBreakerState.CLOSED);
    }

    private static void succeed(DeploymentHealth.Ticket ticket, long ttftMillis) {
        ticket.firstToken(ttftMillis);
        ticket.succeeded();
    }

    private static DeploymentHealth.Ticket admit(DeploymentHealth health) throws Exception {
        return health.admit().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
