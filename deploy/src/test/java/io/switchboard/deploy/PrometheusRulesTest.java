package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;

/** The alert rules: valid for Prometheus, each fired by a unit test, each with a runbook. */
class PrometheusRulesTest {

    static final Path RULES = Chart.DIR.resolve("files/prometheus/alerts.yaml");
    static final Path UNIT_TESTS = Chart.ROOT.resolve("deploy/src/test/resources/promtool/alerts-test.yaml");

    @Test
    void promtoolChecksTheRules() throws Exception {
        assertThat(promtool("check", "rules", RULES.toString())).contains("SUCCESS");
    }

    @Test
    void promtoolUnitTestsFireEveryAlert() throws Exception {
        assertThat(promtool("test", "rules", UNIT_TESTS.toString())).contains("SUCCESS");
    }

    @Test
    void everyAlertHasAUnitTestAndARunbook() {
        // given
        var tests = Chart.read(UNIT_TESTS);
        var runbooks = Chart.read(Chart.ROOT.resolve("docs/runbooks.md"));

        // then
        for (var alert : alertNames()) {
            assertThat(tests).as("a promtool test for %s", alert).contains("alertname: " + alert + "\n");
            assertThat(runbooks).as("docs/runbooks.md section for %s", alert).contains("\n## " + alert + "\n");
        }
    }

    @Test
    void chartShipsTheSameRulesAsAPrometheusRule() {
        // given
        var objects = Manifests.parse(Chart.render(List.of(), Map.of("metrics.prometheusRule.enabled", true)));

        // when
        var rule = Manifests.named(objects, PrometheusRule.class, "switchboard-monitoring");

        // then
        assertThat(rule.getSpec().getGroups()).flatExtracting(group -> group.getRules())
                .extracting(r -> r.getAlert()).containsExactlyElementsOf(alertNames());
    }

    /** The PromQL of every rule. */
    static List<String> expressions() {
        return rules().stream().map(rule -> (String) rule.get("expr")).toList();
    }

    static List<String> alertNames() {
        return rules().stream().map(rule -> (String) rule.get("alert")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() {
        Map<String, Object> file = Serialization.unmarshal(Chart.read(RULES), Map.class);
        return ((List<Map<String, Object>>) file.get("groups")).stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream()).toList();
    }

    /**
     * Runs promtool (Debian's prometheus package); skipped where it is not installed, except in CI (CI=true), where
     * a missing promtool fails the build rather than hiding these tests.
     */
    static String promtool(String... args) throws IOException, InterruptedException {
        var installed = KustomizeBaseTest.onPath("promtool");
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(
                    "promtool is required in CI: apt-get install -y --no-install-recommends prometheus");
        }
        assumeTrue(installed, "promtool is not installed (apt-get install -y --no-install-recommends prometheus): "
                + "the alert rules are not checked");
        var command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", args), output).isZero();
        return output;
    }
}
