package io.switchboard.distill.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The CRD in k8s/crds, which the chart and kubectl users install, is the one the Java classes generate. */
class CrdFileTest {

    static final Path COMMITTED = Path.of("../k8s/crds/distillationjobs.switchboard.dev-v1.yml");

    @Test
    void committedCrdIsTheGeneratedOne() throws IOException {
        // given
        Path out = Path.of("target/generated-crd");
        Files.createDirectories(out);

        // when
        new CRDGenerator().inOutputDir(out.toFile()).forCRDVersions("v1")
                .withPostProcessor(new PrinterColumnOrder(DistillationJob.class))
                .customResourceClasses(DistillationJob.class).generate();

        // then
        Path generated = out.resolve(COMMITTED.getFileName());
        assertThat(Files.readString(COMMITTED))
                .as("k8s/crds is out of date: cp distill-operator/%s k8s/crds/", generated)
                .isEqualTo(Files.readString(generated));
    }

    @Test
    void kubectlGetDjShowsTheStageTheStudentAndItsRatios() throws IOException {
        // when
        CustomResourceDefinition crd = new KubernetesSerialization().unmarshal(Files.readString(COMMITTED),
                CustomResourceDefinition.class);

        // then
        assertThat(crd.getSpec().getVersions()).singleElement()
                .satisfies(version -> assertThat(version.getAdditionalPrinterColumns())
                        .extracting(CustomResourceColumnDefinition::getName)
                        .containsExactly("Stage", "Student", "Accuracy", "Cost Ratio", "Speed Ratio", "Age"));
    }
}
