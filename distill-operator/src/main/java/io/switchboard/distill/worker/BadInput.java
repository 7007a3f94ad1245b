package io.switchboard.distill.worker;

/**
 * Bad settings or data: the worker exits with 2, which fails the Job at once, since a retry would fail the same way.
 * The message names the setting, file and line at fault, never their contents.
 */
public class BadInput extends RuntimeException {

    public BadInput(String message) {
        super(message);
    }
}
