package io.switchboard.router.translate;

/** Why the model stopped. */
public enum StopReason {
    /** It finished its answer. */
    END,
    /** It hit the output token cap. */
    MAX_TOKENS,
    /** It called tools and waits for their results. */
    TOOL_USE,
    /** It produced one of the stop sequences. */
    STOP_SEQUENCE,
    /** The provider withheld or cut the answer (content filter, refusal). */
    CONTENT_FILTER
}
