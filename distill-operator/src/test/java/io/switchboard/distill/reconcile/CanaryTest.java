package io.switchboard.distill.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.switchboard.distill.api.Canary;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.report.Summaries;
import io.switchboard.events.Attempt;
import io.switchboard.events.ClientInfo;
import io.switchboard.events.EventJson;
import io.switchboard.events.StudentRoute;
import io.switchboard.events.Tokens;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.testing.KafkaBrokerResource;

/**
 * spec.promotion.canary against a real broker: the route grows step by step while the student's live requests (the
 * router's usage events) stay within bounds, and is withdrawn for good when they do not.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(KafkaBrokerResource.class)
class CanaryTest {

    @Inject
    KubernetesClient client;

    @Inject
    Cluster cluster;

    @Test
    void aStudentWithinItsBoundsTakesEveryStepToAllTheRequests() throws Exception {
        // given: a promotion at 10%, then 50%, then all, a second at each step and 5 requests at least
        client.resource(canaryJob("growing")).create();
        cluster.evaluate(cluster.runToEvaluation("growing"), Summaries.json(Summaries.example()));

        // then: the first step's route
        await().untilAsserted(() -> assertThat(shares("test/growing")).containsExactly(10));
        assertThat(cluster.status("growing").stage).isEqualTo("Canary");
        assertThat(cluster.condition("growing", "Promoted").getReason()).isEqualTo("Canary");
        assertThat(cluster.condition("growing", "Ready").getStatus()).isEqualTo("False");

        // when: the student answers well, twice enough requests at each step
        for (int share : List.of(10, 50)) {
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(cluster.status("growing").canary.share).isEqualTo(share));
            publishAttempts("test/growing", 10, Attempt.Outcome.OK, 120);
        }

        // then: every request is the student's, and the job has succeeded
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(cluster.status("growing").stage).isEqualTo("Succeeded"));
        assertThat(shares("test/growing")).containsExactly(10, 50, 100);
        assertThat(cluster.condition("growing", "Promoted").getReason()).isEqualTo("Published");
        assertThat(cluster.status("growing").canary.share).isEqualTo(100);
    }

    @Test
    void aStudentFailingLiveIsWithdrawnForGoodSayingWhy() throws Exception {
        // given
        client.resource(canaryJob("failing")).create();
        cluster.evaluate(cluster.runToEvaluation("failing"), Summaries.json(Summaries.example()));
        await().untilAsserted(() -> assertThat(shares("test/failing")).containsExactly(10));

        // when: two requests fail, then six are answered (in one partition, in that order: every judgement counts both
        // failures)
        publishAttempts("test/failing", 2, Attempt.Outcome.SERVER_ERROR, 30);
        publishAttempts("test/failing", 6, Attempt.Outcome.OK, 100);

        // then: the route is withdrawn, and the job says why
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(cluster.status("failing").stage).isEqualTo("Succeeded"));
        assertThat(RouteTopic.routes("test/failing")).last().isNull();
        assertThat(cluster.condition("failing", "Promoted")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("CanaryFailed");
            assertThat(c.getMessage()).matches("The student was withdrawn at 10% of the requests \\(step 1 of 3\\): "
                    + "error ratio 0\\.[0-9]+ \\(2 of [5-8] requests\\) is above "
                    + "spec\\.promotion\\.canary\\.maxErrorRatio 0\\.05\\.");
        });
        var status = cluster.status("failing");
        assertThat(status.canary.withdrawn).isTrue();
        assertThat(status.canary.errors).isEqualTo(2);

        // and: it stays withdrawn
        Thread.sleep(2_000);
        assertThat(RouteTopic.routes("test/failing")).last().isNull();
    }

    private DistillationJob canaryJob(String name) {
        DistillationJob job = cluster.example(name);
        var canary = new Canary();
        canary.steps = List.of(10, 50, 100);
        canary.interval = "1s";
        canary.minRequests = 5;
        job.getSpec().promotion.canary = canary;
        return job;
    }

    /** The shares of the job's routes on the topic, oldest first. */
    private static List<Integer> shares(String key) {
        return RouteTopic.routes(key).stream().filter(Objects::nonNull).map(StudentRoute::share).toList();
    }

    /** Usage events of requests the router sent to the job's student first, as it reports them. */
    private static void publishAttempts(String job, int count, Attempt.Outcome outcome, long latencyMillis)
            throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.broker().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                var attempts = List.of(new Attempt(StudentRoute.PROVIDER_PREFIX + job, "student", outcome,
                        outcome == Attempt.Outcome.OK ? 200 : 503, latencyMillis));
                var event = new UsageEvent(UUID.randomUUID(), Instant.now(), UsageEvent.SCHEMA_VERSION,
                        UUID.randomUUID().toString(), "ann", "support", "key-ann", "", ClientInfo.OTHER,
                        "support-tickets", UsageEvent.Api.OPENAI_CHAT, "gpt-4o", "student", "student:" + job,
                        attempts, false, UsageEvent.Outcome.OK, 200, new Tokens(100, 0, 0, 5, 0), 1, "v1",
                        latencyMillis, latencyMillis, false, "", 0);
                producer.send(new ProducerRecord<>(Topics.USAGE, "ann", EventJson.write(event))).get();
            }
        }
    }
}
