package io.switchboard.router;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.events.Attempt;
import io.switchboard.events.EventJson;
import io.switchboard.events.StudentRoute;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.testing.FakeOpenAi;
import io.switchboard.testing.FakeOpenAi.Reply;
import io.switchboard.testing.Management;

/**
 * A distilled student promoted on the routes topic, served by a fake OpenAI-compatible server over HTTP: it answers its
 * workload's requests for the teacher model, metered at its own price; everyone else, and its workload whenever it
 * fails or once its route is withdrawn, gets the teacher. With a shadow share, the teacher is also asked what the
 * student answered, and the verdict is metered.
 */
@QuarkusTest
@WithTestResource(RouterTestResource.class)
class PromotedStudentTest {

    private static final String CHAT = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]%s}";
    private static final String STUDENT = "student:ml/tickets";

    private static FakeOpenAi student;
    private KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startStudent() {
        student = FakeOpenAi.start();
    }

    @AfterAll
    static void stopStudent() {
        student.close();
    }

    @BeforeEach
    void reset() {
        student.reset();
        RouterTestResource.primary.reset();
        producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                RouterTestResource.broker().bootstrapServers()), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void withdraw() throws Exception {
        withdraw("ml/tickets");
        producer.close();
    }

    @Test
    void theStudentAnswersItsWorkloadAtItsOwnPriceAndTheTeacherEveryoneElse() {
        // given: the student of ml/tickets promoted for gpt-4o's support-triage requests
        student.otherwise(Reply.ok("billing", 1000, 200));
        RouterTestResource.primary.otherwise(Reply.ok("Teacher here.", 1000, 200));
        promote(student.baseUrl(), "support-triage");

        // when
        var requestId = chat("support-triage", "").then().statusCode(200)
                .header("x-switchboard-provider", STUDENT)
                .header("x-switchboard-model", "tickets-student")
                .body("choices[0].message.content", equalTo("billing"))
                .extract().header("x-switchboard-request-id");

        // then: the student was asked for its own model, with no key of anyone's
        var asked = student.received().get(0);
        assertThat(asked.json().path("model").asText()).isEqualTo("tickets-student");
        assertThat(asked.headers()).doesNotContainKey("authorization");
        // and metering sees the student's spend under the workload: 1000 * $0.10/M + 200 * $0.40/M = 180 micro-USD
        var event = usageEventOf(requestId);
        assertThat(event.workload()).isEqualTo("support-triage");
        assertThat(event.modelRequested()).isEqualTo("gpt-4o");
        assertThat(event.modelServed()).isEqualTo("tickets-student");
        assertThat(event.provider()).isEqualTo(STUDENT);
        assertThat(event.costMicros()).isEqualTo(180);
        // and what the teacher's first deployment would have cost: 1000 * $2.50/M + 200 * $10/M = 4500 micro-USD
        assertThat(event.teacherCostMicros()).isEqualTo(4_500);
        assertThat(event.attempts()).extracting(Attempt::provider, Attempt::model, Attempt::outcome)
                .containsExactly(tuple(STUDENT, "tickets-student", Attempt.Outcome.OK));

        // when: the same model without the tag, or with another one
        chat(null, "").then().statusCode(200).header("x-switchboard-provider", "primary")
                .body("choices[0].message.content", equalTo("Teacher here."));
        chat("code-review", "").then().statusCode(200).header("x-switchboard-provider", "primary");

        // then: the teacher answered them, and only the tagged request reached the student
        assertThat(student.received()).hasSize(1);
        assertThat(routesInForce()).isOne();
        assertThat(given().when().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString())
                .containsPattern("switchboard_router_student_requests_total\\{answered_by=\"student\","
                        + "model=\"gpt-4o\",student=\"student:ml/tickets\"} [1-9]");
        given().when().get(Management.url("/q/health/ready")).then().statusCode(200)
                .body("checks.find { it.name == 'student-routes' }.data.state", equalTo("live"));
    }

    @Test
    void streamsAndAnthropicClientsReachTheStudentToo() {
        // given
        student.otherwise(Reply.ok("shipping label", 40, 2));
        promote(student.baseUrl(), "support-triage");

        // when: a chat stream
        var streamed = chat("support-triage", ",\"stream\":true").then().statusCode(200)
                .header("x-switchboard-provider", STUDENT).extract().asString();

        // then
        assertThat(streamed).contains("\"content\":\"shipping \"").contains("data: [DONE]");

        // when: Claude Code asking for the same model with the same tag, translated for the student's chat API
        given().header("x-api-key", RouterTestResource.KEY).header("anthropic-version", "2023-06-01")
                .header("x-switchboard-workload", "support-triage").contentType(ContentType.JSON)
                .body("{\"model\":\"gpt-4o\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .when().post("/v1/messages")
                .then().statusCode(200)
                .header("x-switchboard-provider", STUDENT)
                .header("x-switchboard-model", "tickets-student")
                .body("type", equalTo("message"))
                .body("content[0].text", equalTo("shipping label"));
        assertThat(student.received().get(1).json().path("model").asText()).isEqualTo("tickets-student");
    }

    @Test
    void whenTheStudentFailsTheTeacherAnswersAndNobodyNotices() {
        // given: a student answering 503
        student.otherwise(Reply.error(503));
        RouterTestResource.primary.otherwise(Reply.ok("Teacher here.", 10, 2));
        promote(student.baseUrl(), "support-triage");

        // when
        var requestId = chat("support-triage", "").then().statusCode(200)
                .header("x-switchboard-provider", "primary")
                .body("choices[0].message.content", equalTo("Teacher here."))
                .extract().header("x-switchboard-request-id");

        // then: the teacher served, and was paid for
        var event = usageEventOf(requestId);
        assertThat(event.attempts()).extracting(Attempt::provider, Attempt::outcome).containsExactly(
                tuple(STUDENT, Attempt.Outcome.SERVER_ERROR), tuple("primary", Attempt.Outcome.OK));
        assertThat(event.teacherCostMicros()).isZero();

        // when: the student's server is gone altogether (the route republished with an address nobody listens on)
        promote("http://127.0.0.1:" + RouterTestResource.closedPort() + "/v1", "support-triage");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(usageEventOf(chat("support-triage", "")
                .then().statusCode(200).header("x-switchboard-provider", "primary").extract()
                .header("x-switchboard-request-id")).attempts()).extracting(Attempt::provider, Attempt::outcome)
                .containsExactly(tuple(STUDENT, Attempt.Outcome.CONNECT_ERROR), tuple("primary", Attempt.Outcome.OK)));
    }

    @Test
    void aTombstoneHandsTheWorkloadBackToTheTeacher() throws Exception {
        // given
        student.otherwise(Reply.ok("billing", 10, 1));
        promote(student.baseUrl(), "support-triage");

        // when
        withdraw("ml/tickets");

        // then
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> chat(
                "support-triage", "").then().statusCode(200).header("x-switchboard-provider", "primary"));
        assertThat(routesInForce()).isZero();
    }

    @Test
    void withAShadowShareTheTeacherIsAskedAfterTheStudentAnsweredAndTheAgreementIsMetered() {
        // given: a student whose every answered request is also put to the teacher
        var since = Instant.now();
        student.otherwise(Reply.ok("billing", 1000, 200));
        RouterTestResource.primary.enqueue(Reply.ok("billing", 1000, 200), Reply.ok("refund", 1000, 200),
                Reply.ok("billing", 1000, 200), Reply.ok("billing", 1000, 200));
        promote(student.baseUrl(), "support-triage", 100);

        // when: two requests, a stream, and Claude Code's stream (translated for the student's chat API)
        for (int i = 0; i < 2; i++) {
            chat("support-triage", "").then().statusCode(200).header("x-switchboard-provider", STUDENT)
                    .body("choices[0].message.content", equalTo("billing"));
        }
        chat("support-triage", ",\"stream\":true,\"stream_options\":{\"include_usage\":true}").then()
                .statusCode(200).header("x-switchboard-provider", STUDENT);
        given().header("x-api-key", RouterTestResource.KEY).header("anthropic-version", "2023-06-01")
                .header("x-switchboard-workload", "support-triage").contentType(ContentType.JSON)
                .body("{\"model\":\"gpt-4o\",\"max_tokens\":50,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .when().post("/v1/messages").then().statusCode(200).header("x-switchboard-provider", STUDENT);

        // then: the teacher was asked each answered request once, for its answer at once, streamed ones too
        var shadows = await().atMost(Duration.ofSeconds(10)).until(() -> RouterTestResource.broker().readMatching(
                Topics.USAGE, UsageEvent.class, event -> event.shadow() != null && event.time().isAfter(since),
                Duration.ofSeconds(5)), found -> found.size() >= 4);
        assertThat(shadows).hasSize(4);
        assertThat(RouterTestResource.primary.received()).hasSize(4).allSatisfy(asked -> {
            assertThat(asked.json().path("model").asText()).isEqualTo("gpt-4o");
            assertThat(asked.json().path("stream").asBoolean()).isFalse();
            assertThat(asked.json().has("stream_options")).isFalse();
        });
        // and each shadow is metered at the teacher's price, for the caller and the workload, with its verdict: the
        // streamed answers agree with the teacher's whole ones
        assertThat(shadows.stream().map(record -> record.value()).toList())
                .extracting(event -> event.shadow().job(), event -> event.shadow().agreed(), UsageEvent::provider,
                        UsageEvent::workload, UsageEvent::costMicros, UsageEvent::teacherCostMicros,
                        UsageEvent::streaming)
                .containsExactlyInAnyOrder(tuple("ml/tickets", true, "primary", "support-triage", 4_500L, 0L, false),
                        tuple("ml/tickets", true, "primary", "support-triage", 4_500L, 0L, false),
                        tuple("ml/tickets", true, "primary", "support-triage", 4_500L, 0L, false),
                        tuple("ml/tickets", false, "primary", "support-triage", 4_500L, 0L, false));
        var metrics = given().when().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("switchboard_router_student_shadows_total\\{model=\"gpt-4o\","
                + "result=\"agreed\",student=\"student:ml/tickets\"} [1-9]")
                .containsPattern("switchboard_router_student_shadows_total\\{model=\"gpt-4o\","
                        + "result=\"disagreed\",student=\"student:ml/tickets\"} [1-9]");
    }

    @Test
    void aShadowOfJsonFieldsAgreesWhenThoseFieldsDoWhateverTheRestSays() {
        // given: a student judged on the field "priority" of its JSON answers
        var since = Instant.now();
        student.otherwise(Reply.ok("{\"priority\": \"high\", \"reason\": \"locked out\"}", 1000, 200));
        RouterTestResource.primary.enqueue(
                Reply.ok("```json\n{\"reason\": \"cannot log in\", \"priority\": \"high\"}\n```", 1000, 200),
                Reply.ok("{\"priority\": \"low\", \"reason\": \"locked out\"}", 1000, 200));
        promote(student.baseUrl(), "support-triage", 100, List.of("priority"), null);

        // when
        for (int i = 0; i < 2; i++) {
            chat("support-triage", "").then().statusCode(200).header("x-switchboard-provider", STUDENT);
        }

        // then: the first teacher's answer agrees on the priority (its other words and its fence do not count), the
        // second does not
        var shadows = await().atMost(Duration.ofSeconds(10)).until(() -> RouterTestResource.broker().readMatching(
                Topics.USAGE, UsageEvent.class, event -> event.shadow() != null && event.time().isAfter(since),
                Duration.ofSeconds(5)), found -> found.size() >= 2);
        assertThat(shadows).hasSize(2);
        assertThat(shadows.stream().map(record -> record.value().shadow().agreed()).toList())
                .containsExactlyInAnyOrder(true, false);
    }

    @Test
    void aShadowOfAPatternComparesWhatItMatchesInBoth() {
        // given: a student judged by the category its answers name, a streamed answer among them
        var since = Instant.now();
        student.otherwise(Reply.ok("The category: billing, since it is about an invoice", 1000, 200));
        RouterTestResource.primary.enqueue(Reply.ok("category: billing", 1000, 200),
                Reply.ok("category: refund", 1000, 200));
        promote(student.baseUrl(), "support-triage", 100, null, "category: (\\w+)");

        // when
        chat("support-triage", "").then().statusCode(200).header("x-switchboard-provider", STUDENT);
        chat("support-triage", ",\"stream\":true").then().statusCode(200).header("x-switchboard-provider", STUDENT);

        // then: one teacher's answer names the same category, the other another
        var shadows = await().atMost(Duration.ofSeconds(10)).until(() -> RouterTestResource.broker().readMatching(
                Topics.USAGE, UsageEvent.class, event -> event.shadow() != null && event.time().isAfter(since),
                Duration.ofSeconds(5)), found -> found.size() >= 2);
        assertThat(shadows.stream().map(record -> record.value().shadow().agreed()).toList())
                .containsExactlyInAnyOrder(true, false);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"503, SERVER_ERROR, 503", "400, CLIENT_ERROR, 400", "0, TIMEOUT, 504"})
    void aShadowTheTeacherDoesNotAnswerIsMeteredAsFailedAndTheClientNeverKnows(int teacherStatus,
            Attempt.Outcome outcome, int status) {
        // given: a teacher that fails, refuses the request, or never answers (0)
        var since = Instant.now();
        student.otherwise(Reply.ok("billing", 10, 2));
        RouterTestResource.primary.otherwise(teacherStatus == 0 ? Reply.hang() : Reply.error(teacherStatus));
        promote(student.baseUrl(), "support-triage", 100);

        // when
        chat("support-triage", "").then().statusCode(200).header("x-switchboard-provider", STUDENT);

        // then
        var shadow = RouterTestResource.broker().readMatching(Topics.USAGE, UsageEvent.class,
                event -> event.shadow() != null && event.time().isAfter(since), Duration.ofSeconds(10)).get(0).value();
        assertThat(shadow.outcome()).isEqualTo(UsageEvent.Outcome.UPSTREAM_ERROR);
        assertThat(shadow.httpStatus()).isEqualTo(status);
        assertThat(shadow.shadow().agreed()).isFalse();
        assertThat(shadow.costMicros()).isZero();
        assertThat(shadow.attempts()).extracting(Attempt::provider, Attempt::outcome)
                .containsExactly(tuple("primary", outcome));
    }

    @Test
    void modelsSayWhatTheirTokensCost() {
        given().auth().oauth2(RouterTestResource.KEY).when().get("/v1/models").then().statusCode(200)
                .body("data.find { it.id == 'gpt-4o' }.pricing.input", equalTo("2.5"))
                .body("data.find { it.id == 'gpt-4o' }.pricing.output", equalTo("10"))
                .body("data.find { it.id == 'gpt-4o' }.owned_by", equalTo("switchboard"))
                .body("data.find { it.id == 'sim-model' }.pricing.input", equalTo("0.1"));
        given().header("x-api-key", RouterTestResource.KEY).header("anthropic-version", "2023-06-01")
                .when().get("/v1/models/via-anthropic").then().statusCode(200)
                .body("type", equalTo("model"))
                .body("pricing.input", equalTo("3"))
                .body("pricing.output", equalTo("15"));
    }

    private void promote(String baseUrl, String workload) {
        promote(baseUrl, workload, null);
    }

    private void promote(String baseUrl, String workload, Integer shadowPercent) {
        promote(baseUrl, workload, shadowPercent, null, null);
    }

    /**
     * Publishes the route, its shadow comparing {@code fields} or what {@code pattern} matches (both null: the whole
     * text); waits until it is in force.
     */
    private void promote(String baseUrl, String workload, Integer shadowPercent, List<String> fields, String pattern) {
        var route = new StudentRoute("ml/tickets", "gpt-4o", workload, "tickets-student", baseUrl, 100_000, 400_000,
                Instant.now(), null, shadowPercent, fields, pattern, null);
        try {
            producer.send(new ProducerRecord<>(Topics.ROUTES, route.job(), EventJson.write(route))).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish the route", e);
        }
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> routesInForce() == 1);
    }

    private void withdraw(String job) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ROUTES, job, null)).get();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> routesInForce() == 0);
    }

    private static double routesInForce() {
        var metrics = given().when().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        var gauge = Pattern.compile("^switchboard_router_student_routes (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        assertThat(gauge.find()).as("switchboard_router_student_routes").isTrue();
        return Double.parseDouble(gauge.group(1));
    }

    private static Response chat(String workload, String extra) {
        var request = given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON);
        if (workload != null) {
            request.header("x-switchboard-workload", workload);
        }
        return request.body(CHAT.formatted(extra)).when().post("/v1/chat/completions");
    }

    private static UsageEvent usageEventOf(String requestId) {
        var matching = RouterTestResource.broker().readMatching(Topics.USAGE, UsageEvent.class,
                event -> event.requestId().equals(requestId), Duration.ofSeconds(10));
        assertThat(matching).as("usage events of request %s", requestId).hasSize(1);
        return matching.get(0).value();
    }
}
