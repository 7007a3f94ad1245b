package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** k8s/base is the chart's output, not a second copy kept by hand. */
class KustomizeBaseTest {

    static final Path BASE = Chart.ROOT.resolve("k8s/base");

    @Test
    void baseIsTheChartRenderedWithItsValues() {
        Golden.assertMatches(BASE.resolve("switchboard.yaml"), Chart.render(BASE.resolve("chart-values.yaml")));
    }

    @Test
    void kubectlKustomizeBuildsTheBase() throws IOException, InterruptedException {
        assumeTrue(onPath("kubectl"), "kubectl is not installed: kubectl kustomize k8s/base is not checked");

        // when
        var out = Files.createTempFile("kustomize", ".yaml");
        var process = new ProcessBuilder("kubectl", "kustomize", BASE.toString())
                .redirectOutput(out.toFile()).redirectErrorStream(false).start();
        var finished = process.waitFor(60, TimeUnit.SECONDS);
        var errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        // then: every object is there, typed, in the base's namespace
        assertThat(finished && process.exitValue() == 0).as("kubectl kustomize: %s", errors).isTrue();
        var built = Manifests.parse(Files.readString(out));
        var rendered = Manifests.parse(Chart.read(BASE.resolve("switchboard.yaml")));
        assertThat(built).extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrderElementsOf(rendered.stream().map(HasMetadata::getKind).toList());
        assertThat(built).allSatisfy(object -> assertThat(object.getMetadata().getNamespace())
                .as("%s %s", object.getKind(), object.getMetadata().getName()).isEqualTo("switchboard"));
        Files.delete(out);
    }

    static boolean onPath(String command) {
        return System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
