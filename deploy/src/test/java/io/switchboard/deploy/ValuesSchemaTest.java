package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** values.schema.json (or the templates) refuse a wrong value before anything renders, with a message naming it. */
class ValuesSchemaTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            router.replicas                                    | two                  | - router.replicas: Invalid type
            router.replicas                                    | 0                    | - router.replicas: Must be greater
            router.port                                        | 70000                | - router.port:
            router.image.pullPolicy                            | Sometimes            | - router.image.pullPolicy:
            router.httpRoute.timeouts.request                  | an hour              | - router.httpRoute.timeouts.request:
            router.replica                                     | 2                    | - router: Additional property replica
            router.shutdown.drainSeconds                       | 0                    | - router.shutdown.drainSeconds:
            kafka.security.protocol                            | TLS                  | - kafka.security.protocol:
            kafka.bootstrapServers                             | kafka                | - kafka.bootstrapServers:
            kafka.topics.switchboard\\.usage\\.v1.partitions   | 0                    | - kafka.topics.switchboard.usage.v1.partitions:
            kafka.strimzi.storage.type                         | hostPath             | - kafka.strimzi.storage.type:
            metering.persistence.size                          | lots                 | - metering.persistence.size:
            breaker.publicUrl                                  | breaker.example.com  | - breaker.publicUrl:
            routing.providers.sim.type                         | telepathy            | - routing.providers.sim.type:
            routing.adminKeys[0].sha256                        | sk-admin-plaintext   | - routing.adminKeys.0.sha256:
            securityContext.runAsUser                          | 0                    | - securityContext.runAsUser:
            podSecurityContext.runAsNonRoot                    | false                | - podSecurityContext.runAsNonRoot:
            """)
    void wrongValueIsRefusedByName(String path, String value, String named) {
        // given: an admin key needs its id beside the wrong hash, so that only the hash is wrong
        Map<String, Object> sets = path.startsWith("routing.adminKeys")
                ? Map.of("routing.adminKeys[0].id", "ops", path, value)
                : Map.of(path, value);

        // when / then
        assertThatThrownBy(() -> Chart.render(List.of(), sets))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(named);
    }

    @Test
    void aGracePeriodTooShortForTheRoutersShutdownIsRefused() {
        assertThatThrownBy(() -> Chart.render(List.of(), Map.of("router.terminationGracePeriodSeconds", "50")))
                .hasMessageContaining("router.terminationGracePeriodSeconds (50) must be longer than "
                        + "router.shutdown.delaySeconds + router.shutdown.drainSeconds + 10 s for the usage spool (55)");
    }
}
