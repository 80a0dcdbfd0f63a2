package org.rait.state;

/** The state directory cannot be read or written; the message names the file. */
public class StateException extends RuntimeException {
    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
