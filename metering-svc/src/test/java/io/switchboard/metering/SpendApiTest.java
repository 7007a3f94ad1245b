package io.switchboard.metering;

import static io.restassured.RestAssured.given;
import static io.switchboard.metering.UsageEvents.event;
import static io.switchboard.metering.UsageEvents.publish;
import static io.switchboard.metering.UsageEvents.usage;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.switchboard.metering.cluster.Partials;
import io.switchboard.metering.cluster.Partials.SpendRequest;
import io.switchboard.metering.query.QueryParser;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.Management;

/**
 * Spend queries answered from events that went through a real Kafka broker. Keys are those of
 * {@code src/test/resources/routing-keys.yaml}; each test uses its own month, so they do not see each other's events.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class SpendApiTest {

    private static final String ADMIN = "sk-test-admin";
    private static final String DANA = "sk-test-dana";

    @Test
    void spendIsExactPerUserAndTeamWithDuplicatesIgnored() throws Exception {
        // given
        var a1 = event("dana", "infra", "2026-10-03T10:00:00Z", 1000, 100, 3_500);
        var a2 = event("dana", "infra", "2026-10-04T10:00:00Z", 2000, 300, 8_000);
        var b1 = event("eli", "infra", "2026-10-04T12:00:00Z", 10, 1, 1_000_001);
        var c1 = event("fay", "web", "2026-10-04T13:00:00Z", 5, 5, 7);
        publish(a1, a2, b1, a1, c1, b1);

        // then
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(ADMIN)
                .queryParam("groupBy", "team").queryParam("from", "2026-10-01").queryParam("to", "2026-10-31")
                .when().get("/v1/spend")
                .then().statusCode(200)
                .body("rows[0].group.team", equalTo("infra"))
                .body("rows[0].requests", equalTo(3))
                .body("rows[0].costMicros", equalTo(1_011_501))
                .body("rows[0].cost", equalTo("$1.011501"))
                .body("rows[1].group.team", equalTo("web"))
                .body("total.costMicros", equalTo(1_011_508)));
        as(ADMIN).queryParam("groupBy", "user").queryParam("from", "2026-10-04").queryParam("to", "2026-10-04")
                .when().get("/v1/spend")
                .then().statusCode(200)
                .body("rows.group.user", contains("eli", "dana", "fay"))
                .body("rows[1].inputTokens", equalTo(2000))
                .body("rows[1].outputTokens", equalTo(300));
        as(DANA).queryParam("from", "2026-10-01").queryParam("to", "2026-10-31")
                .when().get("/v1/spend/users/dana")
                .then().statusCode(200)
                .body("total.requests", equalTo(2))
                .body("total.costMicros", equalTo(11_500))
                .body("days.period", contains("2026-10-03", "2026-10-04"));
    }

    @Test
    void aVirtualKeySeesOnlyItsOwnSpendAndAnAdminKeyEverything() throws Exception {
        // given
        publish(event("dana", "infra", "2026-09-03T10:00:00Z", 10, 1, 500),
                event("eli", "infra", "2026-09-03T11:00:00Z", 10, 1, 70));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(ADMIN).queryParam("groupBy", "user")
                .queryParam("from", "2026-09-01").queryParam("to", "2026-09-30").when().get("/v1/spend")
                .then().statusCode(200).body("rows.group.user", contains("dana", "eli")));

        // then: dana's key answers for dana alone, even unasked
        as(DANA).queryParam("groupBy", "team").queryParam("from", "2026-09-01").queryParam("to", "2026-09-30")
                .when().get("/v1/spend")
                .then().statusCode(200).body("rows", hasSize(1)).body("total.costMicros", equalTo(500))
                .body("filters.user", contains("dana"));
        as(DANA).queryParam("user", "eli").when().get("/v1/spend")
                .then().statusCode(403).body("error.type", equalTo("permission_error"));
        as(DANA).when().get("/v1/spend/users/eli").then().statusCode(403);
        given().queryParam("groupBy", "user").when().get("/v1/spend")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("error.type", equalTo("authentication_error"));
        as("sk-unknown").when().get("/v1/spend").then().statusCode(401);
        // the instances' own endpoint scopes what it is asked as well
        var everyone = new QueryParser(400, 92, Instant.now()).spend(Map.of("groupBy", List.of("user"),
                "from", List.of("2026-09-01"), "to", List.of("2026-09-30")));
        as(DANA).contentType("application/json").body(Partials.write(new SpendRequest(everyone, Set.of(0, 1, 2))))
                .when().post("/internal/v1/spend")
                .then().statusCode(200).body("rows.values", contains(List.of("dana")));
    }

    @Test
    void topNSortAndCsv() throws Exception {
        // given: three models in August; by cost c > a > b, by requests b > ...
        publish(usage("gus", "ml", "2026-08-02T10:00:00Z").model("model-a", "p1").cost(300).build(),
                usage("gus", "ml", "2026-08-02T10:00:00Z").model("model-b", "p1").cost(10).build(),
                usage("hal", "ml", "2026-08-02T10:00:00Z").model("model-b", "p1").cost(10).build(),
                usage("hal", "ml", "2026-08-02T10:00:00Z").model("model-b", "p1").cost(10).build(),
                usage("ivy", "ops", "2026-08-03T10:00:00Z").model("model-c", "p2").cost(5_000).build());
        var august = Map.of("from", "2026-08-01", "to", "2026-08-31", "groupBy", "model");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(ADMIN).queryParams(august)
                .when().get("/v1/spend").then().statusCode(200).body("total.requests", equalTo(5)));

        // then
        as(ADMIN).queryParams(august).queryParam("top", 2).when().get("/v1/spend")
                .then().statusCode(200).body("rows.group.model", contains("model-c", "model-a"))
                .body("total.costMicros", equalTo(5_330));
        as(ADMIN).queryParams(august).queryParam("top", 1).queryParam("sort", "requests").when().get("/v1/spend")
                .then().statusCode(200).body("rows.group.model", contains("model-b"));
        as(ADMIN).queryParams(august).queryParam("granularity", "day").queryParam("team", "ml")
                .accept("text/csv").when().get("/v1/spend")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .body(equalTo("period,model,requests,errors,inputTokens,cachedInputTokens,cacheWriteTokens,"
                        + "outputTokens,reasoningTokens,costMicros,cost,latencyMillisSum,avgLatencyMillis,"
                        + "teacherCostMicros,shadowRequests,shadowCostMicros\r\n"
                        + "2026-08-02,model-a,1,0,100,0,0,10,0,300,$0.000300,100,100,0,0,0\r\n"
                        + "2026-08-02,model-b,3,0,300,0,0,30,0,30,$0.000030,300,100,0,0,0\r\n"));
    }

    @Test
    void sessionTotalsAreServed() throws Exception {
        publish(usage("dana", "infra", "2026-07-01T10:00:00Z").session("agent-7").client("claude-code").cost(40)
                .build(),
                usage("dana", "infra", "2026-07-01T12:00:00Z").session("agent-7").client("claude-code").cost(2)
                        .build());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(DANA).when()
                .get("/v1/spend/sessions/agent-7")
                .then().statusCode(200)
                .body("user", equalTo("dana"))
                .body("firstSeen", equalTo("2026-07-01T10:00:00Z"))
                .body("lastSeen", equalTo("2026-07-01T12:00:00Z"))
                .body("totals.requests", equalTo(2))
                .body("totals.costMicros", equalTo(42)));
        as(ADMIN).queryParam("from", "2026-07-01").queryParam("to", "2026-07-31").when().get("/v1/spend/sessions")
                .then().statusCode(200).body("sessions.sessionId", contains("agent-7"));
        as("sk-test-eli").when().get("/v1/spend/sessions/agent-7").then().statusCode(404);
    }

    @Test
    void badQueriesAreRefusedWithTheParameterAtFault() {
        as(ADMIN).queryParam("groupBy", "planet").when().get("/v1/spend")
                .then().statusCode(400).body("error.param", equalTo("groupBy"));
        as(ADMIN).queryParam("groupBy", "user").queryParam("from", "yesterday").when().get("/v1/spend")
                .then().statusCode(400).body("error.param", equalTo("from"));
        as(ADMIN).queryParam("groupBy", "user").queryParam("from", "2026-11-02").queryParam("to", "2026-11-01")
                .when().get("/v1/spend")
                .then().statusCode(400).body("error.message", equalTo("from (2026-11-02) is after to (2026-11-01)."));
        as(ADMIN).queryParam("groupBy", "user").queryParam("from", "2020-01-01").queryParam("to", "2026-11-01")
                .when().get("/v1/spend")
                .then().statusCode(400).body("error.message", equalTo("A query covers at most 400 days."));
        as(ADMIN).queryParam("granularity", "week").when().get("/v1/spend")
                .then().statusCode(400).body("error.param", equalTo("granularity"));
        as(ADMIN).queryParam("top", "0").when().get("/v1/spend").then().statusCode(400)
                .body("error.param", equalTo("top"));
        as(ADMIN).queryParam("sort", "vibes").when().get("/v1/spend").then().statusCode(400)
                .body("error.param", equalTo("sort"));
        as(ADMIN).queryParam("teem", "x").when().get("/v1/spend").then().statusCode(400)
                .body("error.param", equalTo("teem"));
        as(ADMIN).queryParam("from", "2026-01-01T10:30").when().get("/v1/spend").then().statusCode(400)
                .body("error.param", equalTo("from"));
        as(ADMIN).queryParam("granularity", "hour").queryParam("from", "2026-01-01").queryParam("to", "2026-06-01")
                .when().get("/v1/spend").then().statusCode(400).body("error.param", equalTo("from"));
    }

    @Test
    void prometheusCountsSpendWithoutUsers() throws Exception {
        publish(usage("kim", "labs", "2026-06-01T10:00:00Z").model("m-prom", "p-prom").client("codex").cost(123)
                .build());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get(Management.url("/q/metrics"))
                .then().statusCode(200)
                .body(containsString("switchboard_metering_spend_micros_total{client=\"codex\",model=\"m-prom\","
                        + "provider=\"p-prom\",team=\"labs\"} 123.0"))
                // consumer lag, from the Kafka Streams metrics Quarkus binds
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max")));
    }

    private static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }
}
