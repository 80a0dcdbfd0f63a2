package org.rait.snapshot;

/** A minisign key or signature text that does not have minisign's layout; the message says which part. */
public final class MinisignFormatException extends RuntimeException {
    public MinisignFormatException(String message) {
        super(message);
    }
}
