package io.switchboard.router.identity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.events.ClientInfo;
import io.vertx.core.MultiMap;

/** Names the coding tool or SDK behind a request from the headers it sends, and finds its session. */
public final class ClientIdentifier {

    private static final Pattern CLAUDE_CODE = Pattern.compile("claude-cli/([\\w.+-]+)");
    private static final Pattern CODEX = Pattern.compile("(?:codex_exec|codex_cli_rs|codex_vscode)/([\\w.+-]+)");
    private static final Pattern CURSOR = Pattern.compile("[Cc]ursor/([\\w.+-]+)");
    private static final Pattern COPILOT = Pattern.compile("GitHubCopilot(?:Chat)?/([\\w.+-]+)");
    private static final Pattern OPENAI_SDK = Pattern.compile("^(?:OpenAI|AsyncOpenAI)/");
    private static final Pattern CODEX_TURN_SESSION = Pattern.compile("\"session_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ANTHROPIC_SDK = Pattern.compile("^(?:Anthropic|AsyncAnthropic)/");

    private ClientIdentifier() {
    }

    public static ClientInfo identify(MultiMap headers) {
        var agent = headers.get("user-agent");
        if (agent == null) {
            agent = "";
        }
        var originator = headers.get("originator");
        Matcher m;
        if ((m = CLAUDE_CODE.matcher(agent)).find()) {
            return new ClientInfo("claude-code", m.group(1));
        }
        if ("cli".equals(headers.get("x-app"))) {
            return new ClientInfo("claude-code", "");
        }
        if ((m = CODEX.matcher(agent)).find()) {
            return new ClientInfo("codex", m.group(1));
        }
        if (originator != null && originator.startsWith("codex")) {
            return new ClientInfo("codex", "");
        }
        if ((m = CURSOR.matcher(agent)).find()) {
            return new ClientInfo("cursor", m.group(1));
        }
        if ((m = COPILOT.matcher(agent)).find()) {
            return new ClientInfo("copilot", m.group(1));
        }
        var sdkVersion = headers.get("x-stainless-package-version");
        if (OPENAI_SDK.matcher(agent).find()) {
            return new ClientInfo("openai-sdk", sdkVersion == null ? "" : sdkVersion);
        }
        if (ANTHROPIC_SDK.matcher(agent).find()) {
            return new ClientInfo("anthropic-sdk", sdkVersion == null ? "" : sdkVersion);
        }
        return ClientInfo.OTHER;
    }

    /**
     * The agent session a request belongs to: Claude Code's {@code x-claude-code-session-id}, Codex's
     * {@code session_id} or {@code session-id} (or the {@code session_id} of its {@code x-codex-turn-metadata}), a
     * generic {@code x-session-id}, else the session the body names (Claude Code's {@code metadata.user_id}); empty
     * when none.
     */
    public static String session(MultiMap headers, String bodySession) {
        for (var name : new String[]{"x-claude-code-session-id", "session_id", "session-id", "x-session-id"}) {
            var value = headers.get(name);
            if (value != null && !value.isBlank()) {
                return bounded(value);
            }
        }
        var turn = headers.get("x-codex-turn-metadata");
        if (turn != null) {
            var m = CODEX_TURN_SESSION.matcher(turn);
            if (m.find()) {
                return bounded(m.group(1));
            }
        }
        return bodySession;
    }

    private static String bounded(String value) {
        return value.length() > 128 ? value.substring(0, 128) : value;
    }
}
