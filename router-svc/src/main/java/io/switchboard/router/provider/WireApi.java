package io.switchboard.router.provider;

import io.switchboard.events.UsageEvent;

/** An HTTP API that clients or upstreams speak. */
public enum WireApi {

    OPENAI_CHAT(UsageEvent.Api.OPENAI_CHAT, "the OpenAI Chat Completions API"), OPENAI_RESPONSES(
            UsageEvent.Api.OPENAI_RESPONSES,
            "the OpenAI Responses API"), ANTHROPIC_MESSAGES(UsageEvent.Api.ANTHROPIC_MESSAGES,
                    "the Anthropic Messages API"), GEMINI("gemini", "the Gemini API"), EMBEDDINGS(
                            UsageEvent.Api.EMBEDDINGS, "the OpenAI Embeddings API"), ANTHROPIC_COUNT_TOKENS(
                                    "anthropic.count_tokens", "the Anthropic token counting API");

    private final String eventName;
    private final String description;

    WireApi(String eventName, String description) {
        this.eventName = eventName;
        this.description = description;
    }

    /** The name usage events give it. */
    public String eventName() {
        return eventName;
    }

    /** The API in words, for error messages. */
    public String description() {
        return description;
    }

    /** The vendor whose API it is: its clients send headers that only that vendor's servers read. */
    public Family family() {
        return switch (this) {
            case OPENAI_CHAT, OPENAI_RESPONSES, EMBEDDINGS -> Family.OPENAI;
            case ANTHROPIC_MESSAGES, ANTHROPIC_COUNT_TOKENS -> Family.ANTHROPIC;
            case GEMINI -> Family.GEMINI;
        };
    }

    /** Whether it generates answers (and so can be translated to and from the others that do). */
    public boolean generates() {
        return this != EMBEDDINGS && this != ANTHROPIC_COUNT_TOKENS;
    }

    /** The field of its request body that holds the conversation's turns (or the embeddings' input). */
    public String turnsField() {
        return this == OPENAI_RESPONSES || this == EMBEDDINGS ? "input" : "messages";
    }

    /** Whether its turns may also be one string rather than an array (Responses' and embeddings' {@code input}). */
    public boolean textTurns() {
        return this == OPENAI_RESPONSES || this == EMBEDDINGS;
    }

    /**
     * Whether a stream of it carries usage only when the request's {@code stream_options.include_usage} asks (Chat
     * Completions); the router then asks on its own account and keeps that chunk from the client.
     */
    public boolean usageOnRequest() {
        return this == OPENAI_CHAT;
    }

    /** Whether its request's {@code metadata.user_id} may name an agent session (Claude Code's Messages requests). */
    public boolean sessionInMetadata() {
        return this == ANTHROPIC_MESSAGES;
    }

    /** The APIs of one vendor (OpenAI's are also spoken by Azure and OpenAI-compatible servers). */
    public enum Family {
        OPENAI, ANTHROPIC, GEMINI
    }
}
