package io.switchboard.router.provider;

import io.vertx.core.buffer.Buffer;

/** An upstream that serves OpenAI chat-completions requests. Implementations never block the calling thread. */
public interface Provider {

    String name();

    /** Sends a chat-completions body, already addressed to this provider's model, upstream. */
    UpstreamCall chatCompletions(Buffer body);

    /** Releases connections and timers. */
    default void close() {
    }
}
