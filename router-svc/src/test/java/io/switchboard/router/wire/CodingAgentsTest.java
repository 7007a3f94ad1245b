package io.switchboard.router.wire;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.switchboard.router.RouterTestResource;

/**
 * Today's coding agents, as they are configured out of the box, against every provider type, JSON and streaming:
 * Claude Code 2.1 (a mid-conversation system message, its {@code web_search} server tool) and Codex 0.169 (a
 * {@code namespace} of sub-agent tools, {@code web_search}), including a tool loop through a namespaced tool.
 */
@QuarkusTest
@WithTestResource(RouterTestResource.class)
class CodingAgentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One public model per provider type of the routing file. */
    private static final List<String> MODELS = List.of("via-openai", "via-compatible", "via-azure", "via-anthropic",
            "via-gemini");

    private static final String AGENT_TYPES = "Available agent types for the Agent tool";

    private final FakeVendor vendor = RouterTestResource.vendor;

    @BeforeEach
    void reset() {
        vendor.reset();
    }

    @Test
    void claudeCodeIsServedByEveryProviderWithItsSystemMessageInPlace() throws Exception {
        var softly = new SoftAssertions();
        for (var model : MODELS) {
            for (boolean stream : new boolean[]{false, true}) {
                var pair = "claude code -> " + model + (stream ? " streaming" : "");
                // given: Claude Code's default request, its agent list as a system message after the user's turn
                var request = (ObjectNode) JSON.readTree(FakeVendor.fixture("anthropic-messages",
                        "request-claude-code-2.1.json"));
                request.put("model", model).put("stream", stream);

                // when
                var response = post("/v1/messages", request);

                // then: an Anthropic answer, and the vendor saw the agent list as instructions
                softly.assertThat(response.statusCode()).as(pair + ": " + response.asString()).isEqualTo(200);
                if (stream) {
                    softly.assertThat(response.asString()).as(pair).contains("event: message_stop");
                } else {
                    softly.assertThat(JSON.readTree(response.asString()).path("type").asText()).as(pair)
                            .isEqualTo("message");
                }
                var upstream = JSON.readTree(vendor.last().body());
                switch (model) {
                    case "via-anthropic" -> {
                        softly.assertThat(upstream.path("messages").path(1).path("role").asText()).as(pair)
                                .isEqualTo("system");
                        softly.assertThat(response.header("x-switchboard-dropped-tools")).as(pair).isNull();
                    }
                    case "via-gemini" -> softly.assertThat(upstream.path("systemInstruction").toString()).as(pair)
                            .contains(AGENT_TYPES);
                    default -> {
                        var last = upstream.path("messages").path(upstream.path("messages").size() - 1);
                        softly.assertThat(last.path("role").asText()).as(pair + " system message in place")
                                .isEqualTo("system");
                        softly.assertThat(last.path("content").toString()).as(pair).contains(AGENT_TYPES);
                    }
                }
                if (!model.equals("via-anthropic")) {
                    softly.assertThat(response.header("x-switchboard-dropped-tools")).as(pair)
                            .isEqualTo("web_search_20250305");
                    softly.assertThat(vendor.last().text()).as(pair).doesNotContain("web_search");
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void codexCallsANamespacedToolOnEveryProviderAndSendsItsResultBack() throws Exception {
        var softly = new SoftAssertions();
        for (var model : MODELS) {
            for (boolean stream : new boolean[]{false, true}) {
                var pair = "codex -> " + model + (stream ? " streaming" : "");
                // given: Codex's default request; the model will spawn a sub-agent
                var request = (ObjectNode) JSON.readTree(FakeVendor.fixture("openai-responses",
                        "request-codex-0.169.json"));
                request.put("model", model).put("stream", stream);
                vendor.scenario("spawn");

                // when
                var first = post("/v1/responses", request);

                // then: Codex gets the call under its own name and namespace
                softly.assertThat(first.statusCode()).as(pair + ": " + first.asString()).isEqualTo(200);
                var call = functionCall(first.asString(), stream);
                softly.assertThat(call.path("name").asText()).as(pair).isEqualTo("spawn_agent");
                softly.assertThat(call.path("namespace").asText()).as(pair).isEqualTo("multi_agent_v1");
                boolean translated = !model.equals("via-openai") && !model.equals("via-azure");
                if (translated) {
                    softly.assertThat(first.header("x-switchboard-dropped-tools")).as(pair).isEqualTo("web_search");
                    softly.assertThat(vendor.last().text()).as(pair).contains("multi_agent_v1__spawn_agent")
                            .doesNotContain("web_search");
                }

                // given: the next turn, with the call and the sub-agent's id
                request.withArray("input").add(call.deepCopy());
                ((ObjectNode) request.withArray("input").get(request.withArray("input").size() - 1)).remove(
                        List.of("id", "status"));
                request.withArray("input").addObject().put("type", "function_call_output")
                        .put("call_id", call.path("call_id").asText()).put("output", "{\"agent_id\":\"agent-7\"}");
                vendor.scenario("text");

                // when
                var second = post("/v1/responses", request);

                // then: the vendor gets the call under the name it was offered, and its result
                softly.assertThat(second.statusCode()).as(pair + " next turn: " + second.asString()).isEqualTo(200);
                if (translated) {
                    softly.assertThat(vendor.last().text()).as(pair + " next turn")
                            .contains("multi_agent_v1__spawn_agent").contains("agent-7");
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void aModelSetToRefuseUnsupportedToolsNamesTheTool() throws Exception {
        // given: Codex's default request for a model whose routing entry says unsupportedTools: refuse
        var request = (ObjectNode) JSON.readTree(FakeVendor.fixture("openai-responses", "request-codex-0.169.json"));
        request.put("model", "strict-gemini").put("stream", false);

        // when
        var response = post("/v1/responses", request);

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("error.code")).isEqualTo("unsupported_feature");
        assertThat(response.jsonPath().getString("error.message")).contains("tools[6].type=web_search");
        assertThat(vendor.received()).isEmpty();
    }

    @Test
    void aBadRoleIsNamedOnce() throws Exception {
        // given
        var request = JSON.readTree("{\"model\":\"via-gemini\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"},{\"role\":\"tool\",\"content\":\"x\"}]}");

        // when
        var response = post("/v1/messages", request);

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("error.message"))
                .isEqualTo("messages.1.role: Input should be 'user', 'assistant' or 'system'");
    }

    private static ExtractableResponse<Response> post(String path, JsonNode body) throws Exception {
        return given().header("x-api-key", RouterTestResource.KEY).header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "claude-code-20250219,mid-conversation-system-2026-04-07")
                .contentType(ContentType.JSON).body(JSON.writeValueAsBytes(body)).when().post(path).then()
                .extract();
    }

    /** The function call of a Responses answer: its output item, or the item of a stream's last item done. */
    private static JsonNode functionCall(String body, boolean stream) throws Exception {
        if (!stream) {
            for (var item : JSON.readTree(body).path("output")) {
                if (item.path("type").asText().equals("function_call")) {
                    return item;
                }
            }
            return JSON.createObjectNode();
        }
        JsonNode found = JSON.createObjectNode();
        for (var event : Fixtures.events(body)) {
            var data = JSON.readTree(event.data());
            if ("response.output_item.done".equals(data.path("type").asText())
                    && data.path("item").path("type").asText().equals("function_call")) {
                found = data.path("item");
            }
        }
        return found;
    }
}
