package io.switchboard.router.provider;

import io.vertx.core.Future;

/** One request in flight to an upstream. */
public interface UpstreamCall {

    /** Completes when the upstream's status and headers have arrived; fails on connect errors and timeouts. */
    Future<UpstreamResponse> response();

    /** Abandons the call at whatever stage it is, closing its stream so the upstream stops generating. */
    void cancel();
}
