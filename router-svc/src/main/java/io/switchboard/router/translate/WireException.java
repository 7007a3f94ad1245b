package io.switchboard.router.translate;

/** An upstream answer that is not of its API, or an error the upstream reported inside a 2xx answer. */
public final class WireException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WireException(String message) {
        super(message, null, false, false);
    }
}
