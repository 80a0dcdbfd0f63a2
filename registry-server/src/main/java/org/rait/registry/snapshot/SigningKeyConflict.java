package org.rait.registry.snapshot;

/**
 * This registry's minisign key is not the one that signs the database's snapshots (another registry on
 * the same database has another key, or took a newer one into use). It refuses to start or to publish,
 * saying both key ids and what to install.
 */
public final class SigningKeyConflict extends RuntimeException {
    public SigningKeyConflict(String message) {
        super(message);
    }
}
