package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;

/** The Grafana dashboards: valid JSON, valid PromQL, shipped as ConfigMaps the Grafana sidecar picks up. */
class DashboardsTest {

    static final Path DIR = Chart.DIR.resolve("files/dashboards");

    @Test
    void everyPanelQueriesPrometheusWithValidPromQl() throws Exception {
        // given: each query as a recording rule, so that promtool parses it as Prometheus would
        var rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        var queries = expressions();
        assertThat(queries).hasSizeGreaterThan(20);
        for (int i = 0; i < queries.size(); i++) {
            var expr = queries.get(i).replace("$__rate_interval", "5m").replace("$namespace", "llm");
            rules.append("      - record: dashboard:query:").append(i).append("\n        expr: ")
                    .append(new ObjectMapper().writeValueAsString(expr)).append('\n');
        }
        var file = Files.createTempFile("dashboards", ".rules.yaml");
        Files.writeString(file, rules);

        // then
        assertThat(PrometheusRulesTest.promtool("check", "rules", file.toString()))
                .contains("SUCCESS: " + queries.size() + " rules found");
        Files.delete(file);
    }

    @Test
    void chartShipsEachDashboardAsAConfigMapWithTheSidecarLabel() throws IOException {
        var objects = Manifests.parse(Chart.render(List.of(), Map.of("metrics.grafanaDashboards.enabled", true)));

        var dashboards = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(map -> "1".equals(map.getMetadata().getLabels().get("grafana_dashboard"))).toList();

        try (Stream<Path> files = Files.list(DIR)) {
            var names = files.map(path -> path.getFileName().toString()).sorted().toList();
            assertThat(dashboards).flatExtracting(map -> map.getData().keySet())
                    .containsExactlyInAnyOrderElementsOf(names);
            for (var map : dashboards) {
                map.getData().forEach((name, json) -> assertThat(json).isEqualTo(Chart.read(DIR.resolve(name))));
            }
        }
    }

    /** Every PromQL expression of every panel of every dashboard. */
    static List<String> expressions() throws IOException {
        var found = new ArrayList<String>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (var path : files.sorted().toList()) {
                JsonNode dashboard = new ObjectMapper().readTree(path.toFile());
                assertThat(dashboard.path("uid").asText()).as("%s uid", path).isNotEmpty();
                for (var panel : dashboard.path("panels")) {
                    assertThat(panel.path("targets")).as("%s panel %s", path, panel.path("title")).isNotEmpty();
                    panel.path("targets").forEach(target -> found.add(target.path("expr").asText()));
                }
            }
        }
        return found;
    }
}
