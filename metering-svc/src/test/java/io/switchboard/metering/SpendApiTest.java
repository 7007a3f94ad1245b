package io.switchboard.metering;

import static io.restassured.RestAssured.given;
import static io.switchboard.metering.UsageEvents.event;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.testing.KafkaBrokerResource;

/** Spend queries answered from events that went through a real Kafka broker. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class SpendApiTest {

    @Test
    void spendIsExactPerUserAndTeamWithDuplicatesIgnored() throws Exception {
        // given
        var a1 = event("dana", "infra", "2026-10-03T10:00:00Z", 1000, 100, 3_500);
        var a2 = event("dana", "infra", "2026-10-04T10:00:00Z", 2000, 300, 8_000);
        var b1 = event("eli", "infra", "2026-10-04T12:00:00Z", 10, 1, 1_000_001);
        var c1 = event("fay", "web", "2026-10-04T13:00:00Z", 5, 5, 7);
        try (var producer = producer()) {
            for (var event : new UsageEvent[]{a1, a2, b1, a1, c1, b1}) {
                producer.send(new ProducerRecord<>(Topics.USAGE, event.userId(), EventJson.write(event))).get();
            }
        }

        // then
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .queryParam("groupBy", "team").queryParam("from", "2026-10-01").queryParam("to", "2026-10-31")
                .when().get("/v1/spend")
                .then().statusCode(200)
                .body("rows[0].key", equalTo("infra"))
                .body("rows[0].requests", equalTo(3))
                .body("rows[0].costMicros", equalTo(1_011_501))
                .body("rows[0].cost", equalTo("$1.011501"))
                .body("rows[1].key", equalTo("web"))
                .body("total.costMicros", equalTo(1_011_508)));
        given().queryParam("groupBy", "user").queryParam("from", "2026-10-04").queryParam("to", "2026-10-04")
                .when().get("/v1/spend")
                .then().statusCode(200)
                .body("rows.key", contains("eli", "dana", "fay"))
                .body("rows[1].inputTokens", equalTo(2000))
                .body("rows[1].outputTokens", equalTo(300));
        given().queryParam("from", "2026-10-01").queryParam("to", "2026-10-31")
                .when().get("/v1/spend/users/dana")
                .then().statusCode(200)
                .body("total.requests", equalTo(2))
                .body("total.costMicros", equalTo(11_500))
                .body("days.key", contains("2026-10-03", "2026-10-04"));
    }

    @Test
    void badQueriesAreRefusedWithTheParameterAtFault() {
        given().queryParam("groupBy", "planet").when().get("/v1/spend")
                .then().statusCode(400).body("error.param", equalTo("groupBy"));
        given().queryParam("groupBy", "user").queryParam("from", "yesterday").when().get("/v1/spend")
                .then().statusCode(400).body("error.param", equalTo("from"));
        given().queryParam("groupBy", "user").queryParam("from", "2026-11-02").queryParam("to", "2026-11-01")
                .when().get("/v1/spend")
                .then().statusCode(400).body("error.message", equalTo("from (2026-11-02) is after to (2026-11-01)."));
        given().queryParam("groupBy", "user").queryParam("from", "2020-01-01").queryParam("to", "2026-11-01")
                .when().get("/v1/spend")
                .then().statusCode(400).body("error.message", equalTo("A query covers at most 400 days."));
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.broker().bootstrapServers()), new StringSerializer(), new ByteArraySerializer());
    }
}
