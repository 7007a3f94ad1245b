package io.switchboard.distill.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.fabric8.crdv2.generator.CRDGenerator;

/** The CRD in k8s/crds, which the chart and kubectl users install, is the one the Java classes generate. */
class CrdFileTest {

    static final Path COMMITTED = Path.of("../k8s/crds/distillationjobs.switchboard.dev-v1.yml");

    @Test
    void committedCrdIsTheGeneratedOne() throws IOException {
        // given
        Path out = Path.of("target/generated-crd");
        Files.createDirectories(out);

        // when
        new CRDGenerator().inOutputDir(out.toFile()).forCRDVersions("v1").customResourceClasses(DistillationJob.class)
                .generate();

        // then
        Path generated = out.resolve(COMMITTED.getFileName());
        assertThat(Files.readString(COMMITTED))
                .as("k8s/crds is out of date: cp distill-operator/%s k8s/crds/", generated)
                .isEqualTo(Files.readString(generated));
    }
}
