package io.switchboard.router;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.switchboard.testing.FakeOpenAi.Reply;
import io.switchboard.testing.Management;

/** Retired models, hot reloads of the routing file, and the admin view of deployments. */
@QuarkusTest
@WithTestResource(RouterTestResource.class)
class RoutingLifecycleTest {

    @BeforeEach
    void resetUpstreams() {
        RouterTestResource.primary.reset();
        RouterTestResource.backup.reset();
    }

    private static ExtractableResponse<Response> chat(String model) {
        return given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .when().post("/v1/chat/completions").then().extract();
    }

    @Test
    void aRetiredModelIsServedByItsSuccessorAndSaysSo() {
        var response = chat("retired-model");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("x-switchboard-retired")).isEqualTo("model=retired-model; successor=sim-model");
        assertThat(response.header("x-switchboard-provider")).isEqualTo("sim");
        assertThat(given().when().get(Management.url("/q/metrics")).then().extract().asString()).contains(
                "switchboard_router_retired_requests_total{model=\"retired-model\",successor=\"sim-model\"}");
    }

    @Test
    void aChangedRoutingFileIsAppliedAndABadOneIsRejected() throws Exception {
        var original = Files.readString(RouterTestResource.routingFile);
        try {
            // given: a new model appears in the file
            Files.writeString(RouterTestResource.routingFile, original.replace("  sim-model:\n",
                    "  added-model:\n    deployments: [{provider: sim, model: sim-small}]\n  sim-model:\n"));

            // then: it is served within moments, without a restart
            await().atMost(Duration.ofSeconds(5)).until(() -> chat("added-model").statusCode() == 200);

            // when: a broken file replaces it
            Files.writeString(RouterTestResource.routingFile, original.replace("provider: sim,",
                    "provider: nowhere,"));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> given().when().get(Management.url("/q/metrics")).then().extract()
                            .asString().contains("switchboard_router_routing_reloads_total{result=\"rejected\"}"));

            // then: the last good table stays in force
            assertThat(chat("added-model").statusCode()).isEqualTo(200);
        } finally {
            Files.writeString(RouterTestResource.routingFile, original);
            await().atMost(Duration.ofSeconds(5)).until(() -> chat("added-model").statusCode() == 404);
        }
    }

    @Test
    void anOpenCircuitIsSkippedWithoutACall() throws Exception {
        var original = Files.readString(RouterTestResource.routingFile);
        try {
            // given: circuits that open after two calls, at half of them failing; a failing first choice
            reload(original.replace("circuitBreaker: {window: 1000}",
                    "circuitBreaker: {window: 2, failureRatio: 0.5, delay: 1m, probes: 1}"));
            RouterTestResource.primary.otherwise(Reply.error(500));

            // when
            assertThat(chat("gpt-4o").header("x-switchboard-provider")).isEqualTo("backup");
            assertThat(chat("gpt-4o").header("x-switchboard-provider")).isEqualTo("backup");
            var third = chat("gpt-4o");

            // then: the third request went straight to the backup
            assertThat(third.header("x-switchboard-provider")).isEqualTo("backup");
            assertThat(RouterTestResource.primary.received()).hasSize(2);
            given().auth().oauth2(RouterTestResource.ADMIN_KEY).when().get("/admin/providers")
                    .then().body("deployments.find { it.id == 'primary/gpt-4o' }.circuit", equalTo("open"));
            assertThat(metrics()).contains(
                    "switchboard_router_circuit_skips_total{model=\"gpt-4o\",provider=\"primary\"} 1.0",
                    "switchboard_router_circuit_state{model=\"gpt-4o\",provider=\"primary\"} 2.0");
        } finally {
            reload(original);
        }
    }

    /** Writes the routing file and waits until the router has applied it. */
    private static void reload(String content) throws Exception {
        double before = appliedReloads();
        Files.writeString(RouterTestResource.routingFile, content);
        await().atMost(Duration.ofSeconds(5)).until(() -> appliedReloads() > before);
    }

    private static double appliedReloads() {
        var matcher = Pattern.compile("switchboard_router_routing_reloads_total\\{result=\"applied\"} ([0-9.]+)")
                .matcher(metrics());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static String metrics() {
        return given().when().get(Management.url("/q/metrics")).then().extract().asString();
    }

    @Test
    void theAdminViewShowsEveryDeploymentToAdminsOnly() {
        given().auth().oauth2(RouterTestResource.KEY).when().get("/admin/providers")
                .then().statusCode(401).body("error.code", equalTo("invalid_api_key"));

        given().auth().oauth2(RouterTestResource.ADMIN_KEY).when().get("/admin/providers")
                .then().statusCode(200)
                .body("deployments.id", hasItem("primary/gpt-4o"))
                .body("deployments.find { it.id == 'backup/gpt-4o-mini' }.circuit", equalTo("closed"));
    }
}
