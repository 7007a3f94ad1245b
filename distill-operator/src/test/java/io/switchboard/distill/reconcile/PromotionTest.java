package io.switchboard.distill.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.report.Summaries;
import io.switchboard.testing.KafkaBrokerResource;

/**
 * A student that meets its trade-offs under spec.promotion.mode Auto is routed: its route is on the routes topic of a
 * real broker until the job is deleted or its spec changes.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(KafkaBrokerResource.class)
class PromotionTest {

    @Inject
    KubernetesClient client;

    @Inject
    Cluster cluster;

    @Test
    void aStudentThatMeetsItsTradeoffsIsRoutedUntilItsJobIsDeleted() {
        // given
        client.resource(cluster.example("promoted")).create();

        // when
        cluster.evaluate(cluster.runToEvaluation("promoted"), Summaries.json(Summaries.example()));

        // then
        awaitPromoted("promoted", 1);
        assertThat(cluster.status("promoted").stage).isEqualTo("Succeeded");
        assertThat(cluster.condition("promoted", "Ready").getStatus()).isEqualTo("True");
        assertThat(client.apps().deployments().withName("promoted-student").get()).as("the student serves").isNotNull();
        assertThat(cluster.condition("promoted", "Promoted").getMessage())
                .isEqualTo("Requests for gpt-4o on workload support-tickets go to the student promoted at"
                        + " http://promoted-student.test.svc:8000/v1 first, the teacher's deployments after it.");
        assertThat(RouteTopic.routes("test/promoted")).isNotEmpty().allSatisfy(route -> {
            assertThat(route).isNotNull();
            assertThat(route.job()).isEqualTo("test/promoted");
            assertThat(route.model()).isEqualTo("gpt-4o");
            assertThat(route.workload()).isEqualTo("support-tickets");
            assertThat(route.student()).isEqualTo("promoted");
            assertThat(route.baseUrl()).isEqualTo("http://promoted-student.test.svc:8000/v1");
            assertThat(route.inputMicrosPerMillion()).isEqualTo(410_000);
            assertThat(route.outputMicrosPerMillion()).isEqualTo(410_000);
        });

        // when
        client.resources(DistillationJob.class).withName("promoted").delete();

        // then the finalizer withdrew the route before the job went
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.resources(DistillationJob.class).withName("promoted").get() == null);
        assertThat(RouteTopic.routes("test/promoted")).last().as("tombstone").isNull();
    }

    @Test
    void aChangedSpecWithdrawsTheRouteUntilTheNewRunPromotesAgain() {
        // given a student routed under a model and workload of its own
        DistillationJob job = cluster.example("retrained");
        job.getSpec().promotion.model = "ticket-classifier";
        job.getSpec().promotion.workload = "support-triage";
        client.resource(job).create();
        cluster.evaluate(cluster.runToEvaluation("retrained"), Summaries.json(Summaries.example()));
        awaitPromoted("retrained", 1);

        // when
        cluster.editSpec("retrained", spec -> spec.split.seed = 8L);

        // then
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(cluster.status("retrained").stage).isEqualTo("Dataset");
            assertThat(cluster.condition("retrained", "Promoted").getReason()).isEqualTo("Withdrawn");
        });
        assertThat(cluster.status("retrained").result).isNull();
        // (a reconcile that still sees the job promoted may send a tombstone twice: each is harmless)
        assertThat(RouteTopic.routes("test/retrained")).last().as("tombstone").isNull();

        // when the new run meets its trade-offs
        cluster.evaluate(cluster.runToEvaluation("retrained"), Summaries.json(Summaries.with("0.99", 200, "0.05")));

        // then
        awaitPromoted("retrained", 2);
        assertThat(cluster.status("retrained").result.relativeAccuracy).isEqualTo("0.99");
        assertThat(RouteTopic.routes("test/retrained")).last().satisfies(route -> {
            assertThat(route.model()).isEqualTo("ticket-classifier");
            assertThat(route.workload()).isEqualTo("support-triage");
        });
    }

    @Test
    void aRouteKafkaDidNotTakeIsSentAgain() {
        // given
        client.resource(cluster.example("outage")).create();
        var evaluation = cluster.runToEvaluation("outage");
        KafkaBrokerResource.broker().stop();
        try {
            // when
            cluster.evaluate(evaluation, Summaries.json(Summaries.example()));

            // then
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
                assertThat(cluster.status("outage").stage).isEqualTo("Report");
                assertThat(cluster.condition("outage", "Promoted").getReason()).isEqualTo("PublishFailed");
                assertThat(cluster.condition("outage", "Ready").getReason()).isEqualTo("PublishFailed");
            });
        } finally {
            KafkaBrokerResource.broker().restart();
        }

        // then
        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(cluster.status("outage").stage).isEqualTo("Succeeded"));
        assertThat(cluster.condition("outage", "Promoted").getStatus()).isEqualTo("True");
        assertThat(RouteTopic.routes("test/outage")).last().isNotNull();
    }

    private void awaitPromoted(String name, long generation) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var promoted = cluster.condition(name, "Promoted");
            assertThat(promoted.getStatus()).isEqualTo("True");
            assertThat(promoted.getObservedGeneration()).isEqualTo(generation);
        });
    }
}
