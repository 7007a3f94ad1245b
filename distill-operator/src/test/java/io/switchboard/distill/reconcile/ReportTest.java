package io.switchboard.distill.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.Promotion;
import io.switchboard.distill.report.Summaries;
import io.switchboard.distill.report.SummaryJson;
import io.switchboard.testing.KafkaBrokerResource;

/**
 * After the evaluation: the report ConfigMap, the headline figures in the status and the TradeoffsMet verdict; a
 * student that is not promoted leaves nothing on the routes topic.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(KafkaBrokerResource.class)
class ReportTest {

    @Inject
    KubernetesClient client;

    @Inject
    Cluster cluster;

    @Test
    void theEvaluationsSummaryBecomesTheReportAndTheStatusFigures() throws Exception {
        // given
        DistillationJob job = cluster.example("reported");
        job.getSpec().promotion.mode = Promotion.Mode.Manual;
        client.resource(job).create();

        // when
        cluster.evaluate(cluster.runToEvaluation("reported"), Summaries.json(Summaries.example()));

        // then
        await().untilAsserted(() -> assertThat(cluster.status("reported").stage).isEqualTo("Succeeded"));
        var status = cluster.status("reported");
        assertThat(status.report).isEqualTo("reported-report");
        assertThat(status.result).extracting(r -> r.relativeAccuracy, r -> r.costRatio, r -> r.speedRatio,
                r -> r.teacherP95LatencyMillis, r -> r.studentP95LatencyMillis)
                .containsExactly("0.975", "0.066", "7.92", 1900L, 240L);
        assertThat(cluster.condition("reported", "TradeoffsMet")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("Met");
            assertThat(c.getMessage()).contains("relative accuracy 0.975 is at least");
        });
        assertThat(cluster.condition("reported", "Promoted").getReason()).isEqualTo("Manual");
        assertThat(cluster.condition("reported", "Ready").getStatus()).isEqualTo("True");
        ConfigMap report = client.configMaps().withName("reported-report").get();
        assertThat(report.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getName()).isEqualTo("reported"));
        assertThat(SummaryJson.read(report.getData().get("report.json"))).isEqualTo(Summaries.example());
        assertThat(report.getData().get("report.md")).startsWith("# Distillation report: test/reported\n")
                .contains("| Cost per million tokens | $6.25 | $0.41 |")
                .contains("| 12m 30s | $0.145833 | after 24,500,000 tokens served by the student |")
                .contains("**Met**: the student meets every trade-off.");
        assertThat(RouteTopic.routes("test/reported")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            below-accuracy | 0.91  | 240 | 0.066 | BelowAccuracy | relative accuracy 0.91 is below spec.acceptance.minRelativeAccuracy 0.95
            too-slow       | 0.975 | 950 | 0.066 | TooSlow       | student p95 latency 950ms is above spec.acceptance.maxP95Latency 800ms
            too-expensive  | 0.975 | 240 | 0.31  | TooExpensive  | cost ratio 0.31 is above spec.acceptance.maxCostRatio 0.2
            """)
    void aStudentThatMissesATradeoffIsAResultAndIsNotRouted(String name, String accuracy, long p95, String costRatio,
            String reason, String message) {
        // given an Auto promotion
        client.resource(cluster.example(name)).create();

        // when
        cluster.evaluate(cluster.runToEvaluation(name), Summaries.json(Summaries.with(accuracy, p95, costRatio)));

        // then
        await().untilAsserted(() -> assertThat(cluster.status(name).stage).isEqualTo("Succeeded"));
        assertThat(cluster.condition(name, "TradeoffsMet")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo(reason);
            assertThat(c.getMessage()).isEqualTo(message);
        });
        assertThat(cluster.condition(name, "Ready").getStatus()).isEqualTo("True");
        assertThat(cluster.condition(name, "Promoted")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("TradeoffsNotMet");
            assertThat(c.getMessage()).contains(message);
        });
        assertThat(RouteTopic.routes("test/" + name)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no-message | ''                       | no pod of Job no-message-eval has a termination message
            traceback  | 'Traceback (most recent' | it is not an EvaluationSummary
            """)
    void aSummaryThatCannotBeReadFailsTheJobSayingWhy(String name, String message, String why) {
        // given
        client.resource(cluster.example(name)).create();

        // when
        cluster.evaluate(cluster.runToEvaluation(name), message.isEmpty() ? null : message);

        // then
        await().untilAsserted(() -> assertThat(cluster.status(name).stage).isEqualTo("Failed"));
        assertThat(cluster.condition(name, "Failed")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("ReportUnreadable");
            assertThat(c.getMessage()).startsWith("The evaluation's summary cannot be read: " + why);
        });
        assertThat(cluster.condition(name, "Ready").getReason()).isEqualTo("ReportUnreadable");
        assertThat(client.configMaps().withName(name + "-report").get()).isNull();
        assertThat(RouteTopic.routes("test/" + name)).isEmpty();
    }
}
