package io.switchboard.metering.budget;

/** The decisions topic has not been read to its end yet: budget standings may be missing. Answered 503, to be retried. */
public final class StandingsUnknownException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StandingsUnknownException(String message) {
        super(message, null, false, false);
    }
}
