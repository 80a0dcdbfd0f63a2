package org.rait.registry;

/**
 * A request the registry will not carry out, with the reason in the operator's words. The kind
 * decides the HTTP status; nothing has been changed when one is thrown.
 */
public final class Refusal extends RuntimeException {
    public enum Kind {
        /** The request itself is wrong (bad JSON, bad field). */
        INVALID,
        /** No valid credential: bad or missing admin token, bad, stale or replayed proof. */
        UNAUTHENTICATED,
        /** A valid credential that may not do this (revoked node, used-up enrollment token). */
        FORBIDDEN,
        NOT_FOUND,
        /** The change does not fit the current state (already approved, name taken). */
        CONFLICT
    }

    private final Kind kind;

    public Refusal(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
