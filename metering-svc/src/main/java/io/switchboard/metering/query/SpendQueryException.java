package io.switchboard.metering.query;

/** A spend query with a bad parameter: answered with 400 and the parameter's name. */
public final class SpendQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String param;

    public SpendQueryException(String param, String message) {
        super(message, null, false, false);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
