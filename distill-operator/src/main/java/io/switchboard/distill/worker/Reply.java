package io.switchboard.distill.worker;

/**
 * What one chat completion request came to: the answer with its usage and latency, or why there is none.
 *
 * @param answer the message's text; its tool calls, when it has some, as a JSON list of {@code {"name", "arguments"}}
 * @param latencyNanos the successful attempt's time, from sending to the whole body
 * @param failure {@code null} on success, else a short reason such as {@code HTTP 503} (never a body)
 */
record Reply(String answer, long promptTokens, long completionTokens, long latencyNanos, String failure) {

    static Reply failed(String failure) {
        return new Reply(null, 0, 0, 0, failure);
    }

    boolean ok() {
        return failure == null;
    }
}
