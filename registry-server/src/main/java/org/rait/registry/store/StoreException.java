package org.rait.registry.store;

/** The database could not be read or written; the message names the operation and the file. */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
