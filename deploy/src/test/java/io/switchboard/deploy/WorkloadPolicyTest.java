package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;

/**
 * What every workload the chart renders must have, whatever the values: a pinned image, probes on the management port,
 * no root; and no Service but the management ones reaching that port.
 */
class WorkloadPolicyTest {

    static Stream<Arguments> renders() {
        return Stream.of(
                Arguments.of("defaults", Manifests.parse(Chart.render())),
                Arguments.of("full options", Manifests.parse(Chart.render(Chart.FULL_VALUES))),
                // the operator's Deployment with nothing but what it requires
                Arguments.of("operator", Manifests.parse(Chart.render(List.<Path>of(),
                        Map.of("distillOperator.enabled", true, "distillOperator.routerKeySecret", "key")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyContainerHasATaggedImageProbesAndNoRoot(String render, List<HasMetadata> objects) {
        var workloads = objects.stream().filter(object -> Manifests.podSpec(object) != null).toList();
        assertThat(workloads).as("workloads in %s", render).isNotEmpty();
        for (var workload : workloads) {
            PodSpec pod = Manifests.podSpec(workload);
            var name = workload.getKind() + " " + workload.getMetadata().getName();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s runAsNonRoot", name).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as("%s pod runAsUser", name).isPositive();
            for (Container container : pod.getContainers()) {
                var what = name + " container " + container.getName();
                assertThat(container.getImage()).as("%s image", what).matches("[^:\\s]+(:[0-9]+)?/[^:\\s]+:[^:\\s]+");
                assertThat(container.getReadinessProbe()).as("%s readiness probe", what).isNotNull();
                assertThat(container.getLivenessProbe()).as("%s liveness probe", what).isNotNull();
                for (var probe : List.of(container.getReadinessProbe(), container.getLivenessProbe())) {
                    assertThat(probe.getHttpGet().getPort().getStrVal()).as("%s probe port", what)
                            .isEqualTo("management");
                }
                var security = container.getSecurityContext();
                assertThat(security).as("%s securityContext", what).isNotNull();
                assertThat(security.getRunAsUser()).as("%s runAsUser", what).isNotEqualTo(0L);
                assertThat(security.getRunAsNonRoot()).as("%s runAsNonRoot", what).isTrue();
                assertThat(security.getReadOnlyRootFilesystem()).as("%s read-only root", what).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as("%s privilege escalation", what).isFalse();
                assertThat(container.getResources().getRequests()).as("%s resource requests", what).isNotEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void onlyTheManagementServicesReachTheManagementPortSoNoIngressExposesMetrics(String render,
            List<HasMetadata> objects) {
        var services = objects.stream().filter(Service.class::isInstance).map(Service.class::cast).toList();
        assertThat(services).as("Services in %s", render).isNotEmpty();
        for (var service : services) {
            var name = service.getMetadata().getName();
            var targets = service.getSpec().getPorts().stream().map(port -> port.getTargetPort().getStrVal())
                    .toList();
            if (name.endsWith("-management")) {
                assertThat(targets).as("%s ports", name).containsExactly("management");
            } else {
                assertThat(targets).as("%s ports", name).doesNotContain("management");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void routingFileIsMountedAsADirectorySoThatEditsReachThePods(String render, List<HasMetadata> objects) {
        for (var workload : List.of("switchboard-router", "switchboard-metering")) {
            var container = Manifests.container(objects, workload);

            var mount = container.getVolumeMounts().stream().filter(m -> m.getName().equals("routing")).findFirst()
                    .orElseThrow();
            // a subPath mount is a copy taken at start: the router would never see an edited ConfigMap
            assertThat(mount.getSubPath()).as("%s routing mount subPath", workload).isNull();
            assertThat(Manifests.env(container, "SWITCHBOARD_ROUTING_FILE"))
                    .isEqualTo(mount.getMountPath() + "/routing.yaml");
        }
    }
}
