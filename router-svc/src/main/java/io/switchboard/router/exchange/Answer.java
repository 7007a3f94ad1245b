package io.switchboard.router.exchange;

import io.switchboard.router.provider.UpstreamResponse;
import io.switchboard.router.routing.Deployment;
import io.vertx.core.buffer.Buffer;

/** What a deployment of the chain answered, for the client. */
sealed interface Answer {

    Deployment deployment();

    /** When the attempt that produced this answer started ({@link System#nanoTime()}). */
    long startedNanos();

    /** A success: the body is still to be read. */
    record Success(Deployment deployment, UpstreamResponse response, long startedNanos) implements Answer {
    }

    /** A refusal the request itself caused (a 4xx other than the model being gone), read whole. */
    record Refusal(Deployment deployment, int status, String contentType, Buffer body, long startedNanos)
            implements
                Answer {
    }
}
