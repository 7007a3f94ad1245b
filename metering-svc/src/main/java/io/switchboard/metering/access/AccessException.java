package io.switchboard.metering.access;

/** A request without a known key (401) or asking for what its key may not see (403). */
public final class AccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    private AccessException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static AccessException unauthenticated(String message) {
        return new AccessException(401, message);
    }

    public static AccessException forbidden(String message) {
        return new AccessException(403, message);
    }

    public int status() {
        return status;
    }
}
