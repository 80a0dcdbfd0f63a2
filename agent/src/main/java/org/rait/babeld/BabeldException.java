package org.rait.babeld;

/**
 * Talking to babeld failed: the control socket is absent, refused, timed out, or babeld answered
 * something rait cannot read. The message always names the socket, so the operator knows which
 * babeld (and which `-G` option) to look at.
 */
public class BabeldException extends RuntimeException {
    public BabeldException(String message) {
        super(message);
    }

    public BabeldException(String message, Throwable cause) {
        super(message, cause);
    }
}
