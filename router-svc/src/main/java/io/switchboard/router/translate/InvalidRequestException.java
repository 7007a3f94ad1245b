package io.switchboard.router.translate;

/** A request the router refuses before routing it, with the status, the offending parameter and a code. Each inbound
 * API writes it in its own error format. */
public final class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String param;
    private final String code;

    public InvalidRequestException(int status, String param, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.param = param;
        this.code = code;
    }

    public static InvalidRequestException badRequest(String param, String message) {
        return new InvalidRequestException(400, param, null, message);
    }

    public int status() {
        return status;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }
}
