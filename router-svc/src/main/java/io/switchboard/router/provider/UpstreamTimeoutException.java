package io.switchboard.router.provider;

import java.time.Duration;

/** The upstream did not answer within the deployment's time limit. */
public final class UpstreamTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UpstreamTimeoutException(String provider, Duration limit) {
        super("no answer from " + provider + " within " + limit.toMillis() + " ms", null, false, false);
    }
}
