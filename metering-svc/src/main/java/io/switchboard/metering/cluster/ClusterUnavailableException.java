package io.switchboard.metering.cluster;

/** Some partition's owner could not be asked (a rebalance, an instance down): answered 503, to be retried. */
public final class ClusterUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClusterUnavailableException(String message) {
        super(message, null, false, false);
    }
}
