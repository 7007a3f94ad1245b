package io.switchboard.events;

/**
 * The coding tool or SDK that sent a request.
 *
 * @param name one of {@code claude-code}, {@code codex}, {@code cursor}, {@code copilot}, {@code openai-sdk},
 *        {@code anthropic-sdk}, {@code other}
 * @param version the tool's version when it says, else empty
 */
public record ClientInfo(String name, String version) {

    public static final ClientInfo OTHER = new ClientInfo("other", "");
}
