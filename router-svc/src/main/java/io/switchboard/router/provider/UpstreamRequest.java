package io.switchboard.router.provider;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * A request ready for an upstream: its API, its body (already addressed to the deployment's model), whether it streams,
 * the API the client spoke and the client's headers, of which the provider forwards those meant for it (see
 * {@code ForwardedHeaders}).
 */
public record UpstreamRequest(WireApi api, Buffer body, boolean stream, WireApi clientApi, MultiMap clientHeaders) {
}
