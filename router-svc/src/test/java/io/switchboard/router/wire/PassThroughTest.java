package io.switchboard.router.wire;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.router.RouterTestResource;

/**
 * Coding agents' real request shapes through pass-through, byte for byte; the SDKs' key styles and framing; the
 * endpoints around generation (models, token counting, embeddings); and a clear refusal for what cannot be
 * translated.
 */
@QuarkusTest
@WithTestResource(RouterTestResource.class)
class PassThroughTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeVendor vendor = RouterTestResource.vendor;

    @BeforeEach
    void reset() {
        vendor.reset();
    }

    /** The recorded request with its model renamed in place, nothing else touched. */
    private static String withModel(String body, String model) throws Exception {
        var original = JSON.readTree(body).path("model").asText();
        var renamed = body.replaceFirst("\"model\"(\\s*):(\\s*)\"" + java.util.regex.Pattern.quote(original) + "\"",
                "\"model\"$1:$2\"" + model + "\"");
        assertThat(renamed).isNotEqualTo(body);
        return renamed;
    }

    @Test
    void aClaudeCodeRequestReachesAnthropicByteForByte() throws Exception {
        // given: a ~76 KB Claude Code request, with its headers
        var recorded = new String(FakeVendor.fixture("anthropic-messages", "request-claude-code.json"),
                StandardCharsets.UTF_8);
        var sent = withModel(recorded, "via-anthropic");

        // when
        var response = given().header("x-api-key", RouterTestResource.KEY)
                .header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "interleaved-thinking-2025-05-14,context-management-2025-06-27")
                .header("user-agent", "claude-cli/2.0.31 (external, cli)").header("x-app", "cli")
                .contentType(ContentType.JSON).body(sent)
                .when().post("/v1/messages?beta=true").then().statusCode(200)
                .contentType(containsString("text/event-stream")).extract();

        // then: upstream got the very bytes, the model renamed, with Anthropic's headers and the provider's key
        var forwarded = vendor.last();
        assertThat(forwarded.path()).isEqualTo("/v1/messages");
        assertThat(forwarded.text()).isEqualTo(withModel(recorded, "claude-upstream"));
        assertThat(forwarded.headers()).containsEntry("anthropic-version", "2023-06-01")
                .containsEntry("anthropic-beta", "interleaved-thinking-2025-05-14,context-management-2025-06-27")
                .containsEntry("x-api-key", "sk-upstream-test");
        // and the stream came back as the vendor sent it, its session and client known to metering
        assertThat(response.asString().replace("\r\n", "\n")).isEqualTo(new String(FakeVendor.fixture(
                "anthropic-messages", "stream-tools.sse"), StandardCharsets.UTF_8).replace("\r\n", "\n"));
        var event = WireCompatibilityTest.usageEventOf(response.header("x-switchboard-request-id"));
        assertThat(event.client().name()).isEqualTo("claude-code");
        assertThat(event.sessionId()).isEqualTo(JSON.readTree(JSON.readTree(recorded).path("metadata")
                .path("user_id").asText()).path("session_id").asText());
    }

    @Test
    void aCodexRequestReachesOpenAiByteForByte() throws Exception {
        // given
        var recorded = new String(FakeVendor.fixture("openai-responses", "request-codex.json"),
                StandardCharsets.UTF_8);

        // when
        var response = given().auth().oauth2(RouterTestResource.KEY)
                .header("originator", "codex_cli_rs").header("user-agent", "codex_cli_rs/0.58.0 (Debian 12; x86_64)")
                .header("session-id", "codex-session-7").contentType(ContentType.JSON)
                .body(withModel(recorded, "via-openai"))
                .when().post("/v1/responses").then().statusCode(200).extract();

        // then
        assertThat(vendor.last().path()).isEqualTo("/v1/responses");
        assertThat(vendor.last().text()).isEqualTo(withModel(recorded, "gpt-5-upstream"));
        assertThat(vendor.last().headers()).containsEntry("authorization", "Bearer sk-upstream-test");
        var event = WireCompatibilityTest.usageEventOf(response.header("x-switchboard-request-id"));
        assertThat(event.client().name()).isEqualTo("codex");
        assertThat(event.client().version()).isEqualTo("0.58.0");
        assertThat(event.sessionId()).isEqualTo("codex-session-7");
    }

    @Test
    void theAnthropicSdkMaySendItsKeyAsABearerToken() {
        vendor.scenario("text");
        given().auth().oauth2(RouterTestResource.KEY).header("anthropic-version", "2023-06-01")
                .contentType(ContentType.JSON)
                .body("{\"model\":\"via-anthropic\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"Hi\"}]}")
                .when().post("/v1/messages").then().statusCode(200).body("type", equalTo("message"));
        given().header("x-api-key", "sk-wrong").header("anthropic-version", "2023-06-01")
                .contentType(ContentType.JSON).body("{\"model\":\"via-anthropic\",\"messages\":[]}")
                .when().post("/v1/messages").then().statusCode(401)
                .body("type", equalTo("error")).body("error.type", equalTo("authentication_error"));
    }

    @Test
    void theSimulatedProviderAnswersAnthropicClientsThroughTranslation() {
        var body = "{\"model\":\"sim-model\",\"max_tokens\":64,\"stream\":%s,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Hello\"}]}";

        given().header("x-api-key", RouterTestResource.KEY).header("anthropic-version", "2023-06-01")
                .contentType(ContentType.JSON).body(body.formatted("false"))
                .when().post("/v1/messages").then().statusCode(200)
                .body("type", equalTo("message")).body("role", equalTo("assistant"))
                .body("content[0].type", equalTo("text")).body("usage.output_tokens", greaterThan(0));
        var stream = given().header("x-api-key", RouterTestResource.KEY).header("anthropic-version", "2023-06-01")
                .contentType(ContentType.JSON).body(body.formatted("true"))
                .when().post("/v1/messages").then().statusCode(200).extract().asString();
        assertThat(stream).startsWith("event: message_start").contains("event: content_block_delta")
                .contains("event: message_stop");
    }

    @Test
    void whatCannotBeTranslatedIsRefusedByName() {
        // given: a chat request asking for two choices, which Anthropic's API cannot give
        var body = "{\"model\":\"via-anthropic\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

        // when / then
        given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON).body(body)
                .when().post("/v1/chat/completions").then().statusCode(400)
                .body("error.code", equalTo("unsupported_feature"))
                .body("error.message", containsString("'n"))
                .body("error.message", containsString("the Anthropic Messages API"));
        assertThat(vendor.received()).isEmpty();
    }

    @Test
    void modelsAreListedInTheClientsFormat() {
        given().auth().oauth2(RouterTestResource.KEY).when().get("/v1/models").then().statusCode(200)
                .body("object", equalTo("list")).body("data.id", hasItems("via-anthropic", "gpt-4o"));
        given().header("x-api-key", RouterTestResource.KEY).header("anthropic-version", "2023-06-01")
                .when().get("/v1/models").then().statusCode(200)
                .body("has_more", equalTo(false)).body("data.type", hasItems("model"))
                .body("data.id", hasItems("via-gemini"));
        given().auth().oauth2(RouterTestResource.KEY).when().get("/v1/models/no-such-model").then().statusCode(404)
                .body("error.code", equalTo("model_not_found"));
    }

    @Test
    void tokensAreCountedByAnthropicOrEstimated() {
        var body = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"How many tokens?\"}]}";
        given().header("x-api-key", RouterTestResource.KEY).header("anthropic-version", "2023-06-01")
                .contentType(ContentType.JSON).body(body.formatted("via-anthropic"))
                .when().post("/v1/messages/count_tokens").then().statusCode(200).body("input_tokens", equalTo(321));
        assertThat(vendor.last().path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(vendor.last().text()).contains("\"claude-upstream\"");

        given().header("x-api-key", RouterTestResource.KEY).header("anthropic-version", "2023-06-01")
                .contentType(ContentType.JSON).body(body.formatted("via-openai"))
                .when().post("/v1/messages/count_tokens").then().statusCode(200)
                .header("x-switchboard-estimated", "true").body("input_tokens", equalTo(20));
    }

    @Test
    void embeddingsPassThroughAndAreMetered() {
        var response = given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body("{\"model\":\"via-openai\",\"input\":\"a sentence to embed\"}")
                .when().post("/v1/embeddings").then().statusCode(200)
                .body("data[0].embedding.size()", equalTo(3)).extract();

        assertThat(vendor.last().path()).isEqualTo("/v1/embeddings");
        var event = WireCompatibilityTest.usageEventOf(response.header("x-switchboard-request-id"));
        assertThat(event.api()).isEqualTo("embeddings");
        assertThat(event.tokens().input()).isEqualTo(8);

        given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body("{\"model\":\"via-anthropic\",\"input\":\"a sentence\"}")
                .when().post("/v1/embeddings").then().statusCode(400)
                .body("error.message", containsString("does not serve the OpenAI Embeddings API"));
    }
}
