package io.switchboard.router.translate;

import io.switchboard.events.Tokens;

/** Reads the usage an API's whole answer reports, for answers relayed to the client as they came. */
public interface UsageReader {

    /**
     * The tokens a whole (2xx) response body reports.
     *
     * @throws WireException when it is not a response of this API
     */
    Tokens usage(byte[] body);
}
