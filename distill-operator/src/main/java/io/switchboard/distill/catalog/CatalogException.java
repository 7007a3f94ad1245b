package io.switchboard.distill.catalog;

/** The student catalog is unreadable or invalid; the message names the entry and field. */
public class CatalogException extends RuntimeException {

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
