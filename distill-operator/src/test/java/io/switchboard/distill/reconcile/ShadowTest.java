package io.switchboard.distill.reconcile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import io.switchboard.distill.api.Canary;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.Eval;
import io.switchboard.distill.api.Shadow;
import io.switchboard.distill.report.Summaries;
import io.switchboard.events.Attempt;
import io.switchboard.events.ClientInfo;
import io.switchboard.events.EventJson;
import io.switchboard.events.Tokens;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.testing.Chromium;
import io.switchboard.testing.KafkaBrokerResource;

/**
 * spec.promotion.shadow against a real broker: the route carries the shadow share, the teacher's verdicts on the
 * student (the router's shadow usage events) are read into the status, and an agreement below the bound withdraws
 * the route for good; the pipeline view shows the verdicts.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(KafkaBrokerResource.class)
class ShadowTest {

    @Inject
    KubernetesClient client;

    @Inject
    Cluster cluster;

    @TestHTTPResource("/pipeline/")
    URL page;

    private final Optional<Chromium> chromium = Chromium.find(Path.of("target", "chromium"));

    @Test
    void aStudentTheTeacherStopsAgreeingWithIsWithdrawnForGoodSayingWhy() throws Exception {
        // given: a student promoted with a fifth of its answers shadowed, judged on 10 of them at least
        client.resource(shadowedJob("shadowed")).create();
        cluster.evaluate(cluster.runToEvaluation("shadowed"), Summaries.json(Summaries.example()));

        // then: the route carries the share, and the job has succeeded
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(RouteTopic.routes("test/shadowed"))
                .last().satisfies(route -> {
                    assertThat(route.shadowPercent()).isEqualTo(20);
                    assertThat(route.shadowFields()).as("ExactMatch evals: the whole text").isNull();
                }));
        await().untilAsserted(() -> assertThat(cluster.status("shadowed").stage).isEqualTo("Succeeded"));

        // when: the teacher agrees 10 times, and 3 shadows get no answer from it
        publishShadows("test/shadowed", 10, true, UsageEvent.Outcome.OK);
        publishShadows("test/shadowed", 3, false, UsageEvent.Outcome.UPSTREAM_ERROR);

        // then: the status counts the answered ones, and the route stands
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var shadow = cluster.status("shadowed").shadow;
            assertThat(shadow).isNotNull();
            assertThat(shadow.requests).isEqualTo(10);
            assertThat(shadow.agreement).isEqualTo("1");
        });
        assertThat(RouteTopic.routes("test/shadowed")).last().isNotNull();

        // when: it disagrees 3 times: 10 of 13 is below 0.9
        publishShadows("test/shadowed", 3, false, UsageEvent.Outcome.OK);

        // then: the route is withdrawn, and the job says why
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                cluster.condition("shadowed", "Promoted").getStatus()).isEqualTo("False"));
        assertThat(RouteTopic.routes("test/shadowed")).last().isNull();
        assertThat(cluster.condition("shadowed", "Promoted")).satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("ShadowDisagreed");
            assertThat(c.getMessage()).isEqualTo("The student was withdrawn: the teacher agreed with 10 of its 13 "
                    + "shadowed answers in the last 1h, 0.769, below spec.promotion.shadow.minAgreement 0.9.");
        });
        var status = cluster.status("shadowed");
        assertThat(status.shadow.withdrawn).isTrue();
        assertThat(status.stage).isEqualTo("Succeeded");

        // and: it stays withdrawn, however well the teacher agrees again
        publishShadows("test/shadowed", 30, true, UsageEvent.Outcome.OK);
        Thread.sleep(2_000);
        assertThat(RouteTopic.routes("test/shadowed")).last().isNull();
        assertThat(cluster.condition("shadowed", "Promoted").getReason()).isEqualTo("ShadowDisagreed");

        // and: the pipeline view shows the verdicts that withdrew it
        var detail = JsonPath.from(given().get("/pipeline/api/jobs/test/shadowed").then().statusCode(200).extract()
                .asString());
        assertThat(detail.getLong("shadow.requests")).isEqualTo(13);
        assertThat(detail.getString("shadow.agreement")).isEqualTo("0.769");
        assertThat(detail.getString("canary")).isNull();
        assertThat(detail.getString("stages.find { it.id == 'promotion' }.state")).isEqualTo("failed");
        // and: span by span, the 13 answered verdicts that withdrew it, not the 30 that came after
        assertThat(detail.getString("shadowHistory.window")).isEqualTo("1h");
        assertThat(detail.getString("shadowHistory.bound")).isEqualTo("0.9");
        assertThat(detail.getList("shadowHistory.spans")).hasSize(12);
        assertThat(detail.getInt("shadowHistory.spans.requests.sum()")).isEqualTo(13);
        assertThat(detail.getInt("shadowHistory.spans.agreed.sum()")).isEqualTo(10);
        assumeTrue(chromium.isPresent(), "no chromium on the PATH");
        var url = page + "#job=test/shadowed";
        assertThat(chromium.get().dumpDom(url)).contains("data-live=\"shadow\"")
                .contains("the teacher agreed with 10 of 13 shadowed answers (0.769)")
                .contains("state-withdrawn").doesNotContain("data-live=\"canary\"")
                .contains("data-chart=\"shadow\"").contains("data-agreement=\"0.769\"").contains("point-below")
                .contains("least agreement 0.9");
        Path png = Path.of("target", "pipeline-view-shadow.png");
        chromium.get().screenshot(url, png, 1400, 1900);
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    @Test
    void aShadowWithdrawsTheRouteInTheMiddleOfACanaryAndTheCanaryGoesNoFurther() throws Exception {
        // given: a canary that would stay an hour at 10%, shadowed, judged on 5 verdicts
        var job = shadowedJob("canaried");
        var canary = new Canary();
        canary.steps = List.of(10, 100);
        canary.interval = "1h";
        job.getSpec().promotion.canary = canary;
        job.getSpec().promotion.shadow.minRequests = 5;
        client.resource(job).create();
        cluster.evaluate(cluster.runToEvaluation("canaried"), Summaries.json(Summaries.example()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(RouteTopic.routes("test/canaried"))
                .last().satisfies(route -> {
                    assertThat(route.share()).isEqualTo(10);
                    assertThat(route.shadowPercent()).isEqualTo(20);
                }));
        assertThat(cluster.status("canaried").stage).isEqualTo("Canary");

        // when: the teacher disagrees with 3 of 5
        publishShadows("test/canaried", 2, true, UsageEvent.Outcome.OK);
        publishShadows("test/canaried", 3, false, UsageEvent.Outcome.OK);

        // then: the route is withdrawn at its canary step, and the job ends there
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                cluster.condition("canaried", "Promoted").getReason()).isEqualTo("ShadowDisagreed"));
        await().untilAsserted(() -> assertThat(cluster.status("canaried").stage).isEqualTo("Succeeded"));
        assertThat(RouteTopic.routes("test/canaried")).last().isNull();
        Thread.sleep(2_000);
        assertThat(RouteTopic.routes("test/canaried")).last().isNull();
        assertThat(cluster.status("canaried").canary.share).isEqualTo(10);
        assertThat(cluster.status("canaried").canary.withdrawn).isTrue();
    }

    private DistillationJob shadowedJob(String name) {
        DistillationJob job = cluster.example(name);
        var exact = new Eval();
        exact.kind = Eval.Kind.ExactMatch;
        job.getSpec().evals = List.of(exact);
        var shadow = new Shadow();
        shadow.percent = 20;
        shadow.minRequests = 10;
        shadow.minAgreement = "0.9";
        job.getSpec().promotion.shadow = shadow;
        return job;
    }

    /** Usage events of the teacher's shadows of the job's student, as the router reports them. */
    private static void publishShadows(String job, int count, boolean agreed, UsageEvent.Outcome outcome)
            throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.broker().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                boolean answered = outcome == UsageEvent.Outcome.OK;
                var attempts = answered
                        ? List.<Attempt>of()
                        : List.of(new Attempt("openai", "gpt-4o",
                                Attempt.Outcome.SERVER_ERROR, 503, 40));
                var event = new UsageEvent(UUID.randomUUID(), Instant.now(), UsageEvent.SCHEMA_VERSION,
                        UUID.randomUUID().toString(), "ann", "support", "key-ann", "", ClientInfo.OTHER,
                        "support-tickets", UsageEvent.Api.OPENAI_CHAT, "gpt-4o", answered ? "gpt-4o" : "",
                        answered ? "openai" : "", attempts, false, outcome, answered ? 200 : 503,
                        new Tokens(100, 0, 0, 5, 0), answered ? 300 : 0, "v1", 300, 300, false, "", 0,
                        new UsageEvent.Shadow(job, agreed));
                producer.send(new ProducerRecord<>(Topics.USAGE, "ann", EventJson.write(event))).get();
            }
        }
    }
}
