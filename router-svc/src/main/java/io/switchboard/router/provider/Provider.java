package io.switchboard.router.provider;

import java.util.List;

import io.switchboard.router.routing.Deployment;

/** An upstream that serves one or more {@link WireApi}s. Implementations never block the calling thread. */
public interface Provider {

    String name();

    /** The APIs it serves; a request in another generating API is translated to the first generating one. */
    List<WireApi> apis();

    /** Sends a request upstream with the deployment's key and its connect and first-byte timeouts. */
    UpstreamCall send(UpstreamRequest request, Deployment deployment);

    /** Releases connections and timers. */
    default void close() {
    }
}
