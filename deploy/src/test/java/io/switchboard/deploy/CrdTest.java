package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The chart's crds/ is k8s/crds/ itself, and the operator's ClusterRole covers the resources it defines and those its
 * jobs own or read.
 */
class CrdTest {

    static final java.nio.file.Path CRD = Chart.ROOT.resolve("k8s/crds/distillationjobs.switchboard.dev-v1.yml");

    @Test
    void chartInstallsTheCrdsOfK8s() throws Exception {
        assertThat(Files.isSymbolicLink(Chart.DIR.resolve("crds"))).as("helm/switchboard/crds is a link").isTrue();
        assertThat(Chart.DIR.resolve("crds").toRealPath()).isEqualTo(Chart.ROOT.resolve("k8s/crds").toRealPath());
    }

    @Test
    void operatorClusterRoleCoversTheDistillationJobCrd() {
        assumeTrue(Files.exists(CRD), CRD + " is not here yet: the operator's branch generates it");

        // given
        CustomResourceDefinition crd = Serialization.unmarshal(Chart.read(CRD), CustomResourceDefinition.class);
        var role = operatorRole();

        // then
        var group = crd.getSpec().getGroup();
        var plural = crd.getSpec().getNames().getPlural();
        assertThat(Manifests.unknownFields(crd)).isEmpty();
        for (var resource : List.of(plural, plural + "/status", plural + "/finalizers")) {
            assertThat(role.getRules()).as("ClusterRole rule for %s/%s", group, resource)
                    .anyMatch(rule -> rule.getApiGroups().contains(group) && rule.getResources().contains(resource)
                            && rule.getVerbs().contains("update"));
        }
    }

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''    | persistentvolumeclaims | create
            batch | jobs                   | create
            apps  | deployments            | update
            ''    | services               | create
            ''    | configmaps             | update
            ''    | pods                   | list
            """)
    void operatorClusterRoleCoversWhatItsJobsOwnAndRead(String group, String resource, String verb) {
        assertThat(operatorRole().getRules()).as("ClusterRole rule to %s %s", verb, resource)
                .anyMatch(rule -> rule.getApiGroups().contains(group) && rule.getResources().contains(resource)
                        && rule.getVerbs().contains(verb));
    }

    private static ClusterRole operatorRole() {
        var objects = Manifests.parse(Chart.render(List.of(),
                Map.of("distillOperator.enabled", true, "distillOperator.routerKeySecret", "key")));
        return Manifests.named(objects, ClusterRole.class, "switchboard-distill-operator");
    }
}
