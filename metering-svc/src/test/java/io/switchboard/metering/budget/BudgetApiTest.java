package io.switchboard.metering.budget;

import static io.restassured.RestAssured.given;
import static io.switchboard.metering.UsageEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Decision;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.metering.UsageEvents;
import io.switchboard.testing.FakeWebhook;
import io.switchboard.testing.KafkaBrokerResource;

/**
 * Budgets end to end in metering, on a real broker: gus may spend $0.50 a day before the platform team hears of it
 * and $1.00 before he is blocked (src/test/resources/routing-keys.yaml).
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(BudgetApiTest.Webhook.class)
class BudgetApiTest {

    private static final String ADMIN = "sk-test-admin";
    private static final String DANA = "sk-test-dana";

    @Test
    void crossingsAreAnnouncedBlockedAndShown() throws Exception {
        var now = Instant.now().toString();
        UsageEvents.publish(event("gus", "lab", now, 100, 10, 400_000));
        UsageEvents.publish(event("gus", "lab", now, 100, 10, 200_000));

        await().atMost(Duration.ofSeconds(20)).until(() -> Webhook.hook.received().size() == 1);
        var soft = new ObjectMapper().readTree(Webhook.hook.received().get(0));
        assertThat(soft.path("text").asText()).startsWith(":warning: The daily budget of user gus passed its soft "
                + "amount of $0.50: $0.60 spent of $1.00");
        assertThat(soft.path("blocks").get(0).path("text").path("type").asText()).isEqualTo("mrkdwn");
        assertThat(soft.path("budget").path("level").asText()).isEqualTo("soft");

        UsageEvents.publish(event("gus", "lab", now, 100, 10, 450_000));
        await().atMost(Duration.ofSeconds(20)).until(() -> Webhook.hook.received().size() == 2);
        assertThat(Webhook.hook.received().get(1)).contains(":no_entry: The daily budget of user gus is spent: "
                + "$1.05 of $1.00");

        var block = latestDecision("user:gus");
        assertThat(block.action()).isEqualTo(Decision.Action.BLOCK);
        assertThat(block.budgets().get(0).spentMicros()).isEqualTo(1_050_000);
        assertThat(block.expiresAt()).isEqualTo(block.budgets().get(0).resetsAt());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .when().get("/v1/budgets")
                .then().statusCode(200)
                .body("budgets[0].subject", equalTo("user:gus"))
                .body("budgets[0].state", equalTo("blocked"))
                .body("budgets[0].spentMicros", equalTo(1_050_000))
                .body("budgets[0].hard", equalTo("$1.000000"))
                .body("budgets.subject", hasItem("team:infra")));
        given().auth().oauth2(DANA).when().get("/v1/budgets")
                .then().statusCode(200).body("budgets.subject", contains("team:infra"));
        given().when().get("/v1/budgets").then().statusCode(401);
    }

    private static Decision latestDecision(String subject) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.broker().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DECISIONS));
            var found = new ArrayList<Decision>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (subject.equals(record.key()) && record.value() != null) {
                        found.add(EventJson.read(record.value(), Decision.class));
                    }
                });
                return !found.isEmpty() && found.get(found.size() - 1).action() == Decision.Action.BLOCK;
            });
            return found.get(found.size() - 1);
        }
    }

    /** A webhook receiver, metering's default for budget crossings. */
    public static class Webhook implements QuarkusTestResourceLifecycleManager {

        static FakeWebhook hook;

        @Override
        public Map<String, String> start() {
            hook = FakeWebhook.start();
            return Map.of("switchboard.metering.budget-webhook", hook.url());
        }

        @Override
        public void stop() {
            hook.close();
        }
    }
}
