package org.rait.netlink;

/** A named network namespace could not be opened, created or deleted; the message names it. */
public class NamespaceException extends RuntimeException {
    public NamespaceException(String message) {
        super(message);
    }
}
