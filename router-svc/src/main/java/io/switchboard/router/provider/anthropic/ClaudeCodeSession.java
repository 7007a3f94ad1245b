package io.switchboard.router.provider.anthropic;

import java.util.regex.Pattern;

/** The agent session that Claude Code names inside its Messages requests, in {@code metadata.user_id}. */
public final class ClaudeCodeSession {

    private static final Pattern JSON_SESSION = Pattern.compile("\"session_id\"\\s*:\\s*\"([^\"]{1,128})\"");
    private static final Pattern LEGACY_SESSION = Pattern.compile("_session_([0-9A-Za-z-]{1,128})$");

    private ClaudeCodeSession() {
    }

    /**
     * The session of Claude Code's {@code metadata.user_id}: a JSON string
     * {@code {"device_id":...,"account_uuid":...,"session_id":...}} in current versions,
     * {@code user_<hash>_account_<uuid>_session_<uuid>} in older ones. Empty when it names none.
     */
    public static String fromUserId(String userId) {
        if (userId == null || userId.length() > 4096) {
            return "";
        }
        var matcher = (userId.startsWith("{") ? JSON_SESSION : LEGACY_SESSION).matcher(userId);
        return matcher.find() ? matcher.group(1) : "";
    }
}
