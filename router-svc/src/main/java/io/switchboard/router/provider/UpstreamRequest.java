package io.switchboard.router.provider;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * A request ready for an upstream: its API, its body (already addressed to the deployment's model), whether it streams,
 * and the client's headers, from which adapters forward the few their API defines (e.g. {@code anthropic-beta}).
 */
public record UpstreamRequest(WireApi api, Buffer body, boolean stream, MultiMap clientHeaders) {
}
