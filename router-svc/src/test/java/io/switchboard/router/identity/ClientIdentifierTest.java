package io.switchboard.router.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.switchboard.events.ClientInfo;
import io.vertx.core.MultiMap;

class ClientIdentifierTest {

    private static MultiMap headers(String... namesAndValues) {
        var headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    @Test
    void codingToolsAreKnownByTheirHeaders() {
        assertThat(
                ClientIdentifier.identify(headers("User-Agent", "claude-cli/2.0.14 (external, cli)", "x-app", "cli")))
                .isEqualTo(new ClientInfo("claude-code", "2.0.14"));
        assertThat(ClientIdentifier.identify(headers("user-agent", "codex_cli_rs/0.46.0 (Mac OS 15.1; arm64)")))
                .isEqualTo(new ClientInfo("codex", "0.46.0"));
        assertThat(ClientIdentifier.identify(headers("originator", "codex_exec"))).isEqualTo(new ClientInfo("codex",
                ""));
        assertThat(ClientIdentifier.identify(headers("user-agent", "GitHubCopilotChat/0.31.2")))
                .isEqualTo(new ClientInfo("copilot", "0.31.2"));
        assertThat(ClientIdentifier.identify(headers("user-agent", "OpenAI/Python 1.109.1",
                "x-stainless-package-version", "1.109.1"))).isEqualTo(new ClientInfo("openai-sdk", "1.109.1"));
        assertThat(ClientIdentifier.identify(headers("x-app", "cli"))).isEqualTo(new ClientInfo("claude-code", ""));
        assertThat(ClientIdentifier.identify(headers("user-agent", "Anthropic/JS 0.65.0",
                "x-stainless-package-version", "0.65.0"))).isEqualTo(new ClientInfo("anthropic-sdk", "0.65.0"));
        assertThat(ClientIdentifier.identify(headers("user-agent", "curl/8.5.0"))).isEqualTo(ClientInfo.OTHER);
        assertThat(ClientIdentifier.identify(headers())).isEqualTo(ClientInfo.OTHER);
    }

    @Test
    void theSessionComesFromWhicheverHeaderTheClientSends() {
        assertThat(ClientIdentifier.session(headers("x-claude-code-session-id", "cc-1"), "")).isEqualTo("cc-1");
        assertThat(ClientIdentifier.session(headers("session_id", "codex-1"), "")).isEqualTo("codex-1");
        assertThat(ClientIdentifier.session(headers("session-id", "codex-2"), "")).isEqualTo("codex-2");
        assertThat(ClientIdentifier.session(headers("x-codex-turn-metadata",
                "{\"turn_id\":\"t-9\",\"session_id\":\"codex-3\"}"), "")).isEqualTo("codex-3");
        assertThat(ClientIdentifier.session(headers("X-Session-Id", "mine"), "")).isEqualTo("mine");
        assertThat(ClientIdentifier.session(headers("x-session-id", "x".repeat(500)), "")).hasSize(128);
        assertThat(ClientIdentifier.session(headers(), "")).isEmpty();
    }

    @Test
    void aHeaderNamesTheSessionBeforeTheBodyDoes() {
        assertThat(ClientIdentifier.session(headers("x-claude-code-session-id", "cc-1"), "from-body"))
                .isEqualTo("cc-1");
        assertThat(ClientIdentifier.session(headers(), "from-body")).isEqualTo("from-body");
    }
}
