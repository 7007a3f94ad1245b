package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.ServiceProcess;

/** A router whose routing file is not valid does not start, and says what is wrong with the file. */
class RouterStartupTest {

    @Test
    void aBadRoutingFileStopsTheStartAndNamesTheProblem() throws Exception {
        var routing = Files.createTempFile("bad-routing-", ".yaml");
        Files.writeString(routing, """
                providers:
                  sim: {type: simulated}
                models:
                  gpt-4o:
                    deployments: [{provider: nowhere, model: gpt-4o}]
                prices: {version: v1, models: {gpt-4o: {input: 1, output: 1}}}
                """);

        assertThatThrownBy(() -> ServiceProcess.start("router-svc", Map.of(
                "switchboard.router.routing-file", routing.toString(),
                "kafka.bootstrap.servers", "127.0.0.1:1")))
                .hasMessageContaining("exited");
        assertThat(Files.readString(Path.of(System.getProperty("switchboard.root", ".."),
                "e2e/target/logs/router-svc.log")))
                .contains("models.gpt-4o.deployments[0].provider: unknown provider 'nowhere'");
    }
}
