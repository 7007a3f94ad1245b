package io.switchboard.events;

/**
 * One try at serving a request on one deployment of the fallback chain.
 *
 * @param status the upstream's HTTP status, or 0 when no response arrived (connect error, timeout)
 */
public record Attempt(String provider, String model, Outcome outcome, int status, long latencyMillis) {

    public enum Outcome {
        /** Served the request. */
        OK,
        /** The upstream answered with an error the client caused; it was relayed to the client as is. */
        CLIENT_ERROR,
        /** Could not connect. */
        CONNECT_ERROR,
        /** No answer within the deployment's timeout. */
        TIMEOUT,
        /** A 5xx answer. */
        SERVER_ERROR,
        /** A 429 answer. */
        RATE_LIMITED,
        /** The provider said the model does not exist (any more). */
        MODEL_GONE,
        /** A success status with a body that is not the API's format. */
        MALFORMED,
        /** The stream broke after it had started. */
        STREAM_ERROR,
        /** The client went away. */
        CANCELLED
    }
}
