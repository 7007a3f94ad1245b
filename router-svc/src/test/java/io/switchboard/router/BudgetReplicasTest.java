package io.switchboard.router;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Topics;
import io.switchboard.testing.Management;

@QuarkusTest
@WithTestResource(RouterTestResource.class)
class BudgetReplicasTest {

    @Test
    void theReplicasSharingEachBudgetAreCountedAsTheyComeAndGo() throws Exception {
        // given: this router, alone
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> given().when().get(Management.url("/q/health/ready")).then()
                        .body("checks.find { it.name == 'budget-replicas' }.status", equalTo("UP"))
                        .body("checks.find { it.name == 'budget-replicas' }.data.replicas", equalTo(1)));

        // when: a second replica joins the replicas' group (built here: Kafka loads its classes from this thread's loader)
        var running = new AtomicBoolean(true);
        var member = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RouterTestResource.broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "switchboard-router-replicas"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        var second = CompletableFuture.runAsync(() -> {
            try (member) {
                member.subscribe(List.of(Topics.DECISIONS));
                while (running.get()) {
                    member.poll(Duration.ofMillis(200));
                }
            }
        });
        try {
            // then: the router takes half of each budget
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(replicasGauge()).isEqualTo(2));
        } finally {
            running.set(false);
            second.get();
        }

        // and when it leaves, the whole again
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(replicasGauge()).isEqualTo(1));
    }

    private static double replicasGauge() {
        var metrics = given().when().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        var line = Pattern.compile("^switchboard_router_budget_replicas (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        assertThat(line.find()).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
