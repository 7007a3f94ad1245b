package io.switchboard.router.provider;

import io.switchboard.router.routing.Deployment;
import io.vertx.core.buffer.Buffer;

/** An upstream that serves OpenAI chat-completions requests. Implementations never block the calling thread. */
public interface Provider {

    String name();

    /**
     * Sends a chat-completions body, already addressed to the deployment's model, upstream with the deployment's key
     * and connect and first-byte timeouts.
     */
    UpstreamCall chatCompletions(Buffer body, Deployment deployment);

    /** Releases connections and timers. */
    default void close() {
    }
}
