package io.switchboard.router.wire;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.router.RouterTestResource;

/**
 * The client's own headers reach a provider of its API's vendor as sent (Claude Code's at Anthropic, Codex's at
 * OpenAI), only its user-agent reaches any other, and its key, hop-by-hop headers and cookies reach none. The router
 * names itself in a header of its own.
 */
@QuarkusTest
@WithTestResource(RouterTestResource.class)
class UpstreamHeadersTest {

    private static final String MESSAGES = "{\"model\":\"%s\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Hi\"}]}";
    private static final String RESPONSES = "{\"model\":\"%s\",\"input\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String CLAUDE_CODE_AGENT = "claude-cli/2.0.31 (external, cli)";
    private static final String CODEX_AGENT = "codex_cli_rs/0.58.0 (Debian 12; x86_64) xterm-256color";

    private final FakeVendor vendor = RouterTestResource.vendor;

    @BeforeEach
    void reset() {
        vendor.reset();
        vendor.scenario("text");
    }

    /** Claude Code's headers, its key both ways, and headers no proxy may pass on. */
    private static RequestSpecification claudeCode() {
        return withHeadersNoProviderGets(given()).header("user-agent", CLAUDE_CODE_AGENT)
                .header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "interleaved-thinking-2025-05-14")
                .header("x-app", "cli")
                .header("x-claude-code-session-id", "cc-session-1")
                .header("x-stainless-lang", "js")
                .header("x-stainless-package-version", "0.60.0")
                .header("anthropic-dangerous-direct-browser-access", "true");
    }

    /** Codex's headers, its key, and headers no proxy may pass on. */
    private static RequestSpecification codex() {
        return withHeadersNoProviderGets(given()).header("user-agent", CODEX_AGENT)
                .header("originator", "codex_cli_rs")
                .header("version", "0.58.0")
                .header("session_id", "codex-session-1")
                .header("x-codex-turn-metadata", "{\"turn_id\":\"t1\"}")
                .header("openai-beta", "responses=experimental")
                .header("x-client-request-id", "req-1")
                .header("openai-organization", "org-of-the-client")
                .header("openai-project", "proj-of-the-client");
    }

    private static RequestSpecification withHeadersNoProviderGets(RequestSpecification request) {
        return request.header("authorization", "Bearer " + RouterTestResource.KEY)
                .header("x-api-key", RouterTestResource.KEY)
                .header("keep-alive", "timeout=5")
                .header("te", "trailers")
                .header("trailer", "x-checksum")
                .header("upgrade", "websocket")
                .header("proxy-authorization", "Basic c2VjcmV0")
                .header("cookie", "session=secret")
                .header("x-switchboard-workload", "nightly")
                .contentType(ContentType.JSON);
    }

    private static void assertNothingOnlyTheRouterMayRead(FakeVendor.Received upstream) {
        assertThat(upstream.headers().values()).noneMatch(value -> value.contains(RouterTestResource.KEY));
        assertThat(upstream.headers()).doesNotContainKeys("keep-alive", "te", "trailer", "upgrade",
                "proxy-authorization", "cookie", "x-switchboard-workload");
        assertThat(upstream.headers().get("x-switchboard-router")).isNotBlank();
    }

    @Test
    void claudeCodesHeadersReachAnthropicAsSent() {
        // when: a message and a token count, both passed through
        claudeCode().body(MESSAGES.formatted("via-anthropic")).when().post("/v1/messages").then().statusCode(200);
        claudeCode().body(MESSAGES.formatted("via-anthropic")).when().post("/v1/messages/count_tokens").then()
                .statusCode(200);

        // then
        for (var upstream : vendor.received()) {
            assertThat(upstream.headers()).containsEntry("user-agent", CLAUDE_CODE_AGENT)
                    .containsEntry("anthropic-version", "2023-06-01")
                    .containsEntry("anthropic-beta", "interleaved-thinking-2025-05-14")
                    .containsEntry("x-app", "cli")
                    .containsEntry("x-claude-code-session-id", "cc-session-1")
                    .containsEntry("x-stainless-lang", "js")
                    .containsEntry("x-stainless-package-version", "0.60.0")
                    .containsEntry("x-api-key", "sk-upstream-test")
                    .doesNotContainKeys("authorization", "anthropic-dangerous-direct-browser-access");
            assertNothingOnlyTheRouterMayRead(upstream);
        }
        assertThat(vendor.received()).hasSize(2);
    }

    @Test
    void onlyClaudeCodesUserAgentReachesOpenAi() {
        // when: translated to chat completions
        claudeCode().body(MESSAGES.formatted("via-openai")).when().post("/v1/messages").then().statusCode(200);

        // then
        var upstream = vendor.last();
        assertThat(upstream.path()).isEqualTo("/v1/chat/completions");
        assertThat(upstream.headers()).containsEntry("user-agent", CLAUDE_CODE_AGENT)
                .containsEntry("authorization", "Bearer sk-upstream-test")
                .doesNotContainKeys("anthropic-version", "anthropic-beta", "x-app", "x-claude-code-session-id",
                        "x-stainless-lang", "x-stainless-package-version", "x-api-key");
        assertNothingOnlyTheRouterMayRead(upstream);
    }

    @Test
    void codexsHeadersReachOpenAiAsSentButNotItsAccountChoice() {
        // when: passed through to OpenAI, and to Azure
        codex().body(RESPONSES.formatted("via-openai")).when().post("/v1/responses").then().statusCode(200);
        codex().body(RESPONSES.formatted("via-azure")).when().post("/v1/responses").then().statusCode(200);

        // then
        for (var upstream : vendor.received()) {
            assertThat(upstream.headers()).containsEntry("user-agent", CODEX_AGENT)
                    .containsEntry("originator", "codex_cli_rs")
                    .containsEntry("version", "0.58.0")
                    .containsEntry("session_id", "codex-session-1")
                    .containsEntry("x-codex-turn-metadata", "{\"turn_id\":\"t1\"}")
                    .containsEntry("openai-beta", "responses=experimental")
                    .containsEntry("x-client-request-id", "req-1")
                    .doesNotContainKeys("openai-organization", "openai-project");
            assertNothingOnlyTheRouterMayRead(upstream);
        }
        assertThat(vendor.received()).extracting(FakeVendor.Received::path)
                .containsExactly("/v1/responses", "/openai/v1/responses");
        assertThat(vendor.received().get(0).headers()).containsEntry("authorization", "Bearer sk-upstream-test");
        assertThat(vendor.received().get(1).headers()).containsEntry("api-key", "sk-upstream-test")
                .doesNotContainKey("authorization");
    }

    @Test
    void onlyCodexsUserAgentReachesAnthropicAndGemini() {
        // when: translated to Anthropic's messages and Gemini's generateContent
        codex().body(RESPONSES.formatted("via-anthropic")).when().post("/v1/responses").then().statusCode(200);
        codex().body(RESPONSES.formatted("via-gemini")).when().post("/v1/responses").then().statusCode(200);

        // then
        for (var upstream : vendor.received()) {
            assertThat(upstream.headers()).containsEntry("user-agent", CODEX_AGENT)
                    .doesNotContainKeys("originator", "version", "session_id", "x-codex-turn-metadata",
                            "openai-beta", "x-client-request-id", "openai-organization", "openai-project",
                            "authorization");
            assertNothingOnlyTheRouterMayRead(upstream);
        }
        var anthropic = vendor.received().get(0);
        assertThat(anthropic.path()).isEqualTo("/v1/messages");
        assertThat(anthropic.headers()).containsEntry("anthropic-version", "2023-06-01")
                .containsEntry("x-api-key", "sk-upstream-test");
        var gemini = vendor.received().get(1);
        assertThat(gemini.path()).contains(":generateContent");
        assertThat(gemini.headers()).containsEntry("x-goog-api-key", "sk-upstream-test");
    }
}
