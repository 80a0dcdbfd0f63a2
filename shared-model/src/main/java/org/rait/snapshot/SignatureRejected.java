package org.rait.snapshot;

/** A signature that does not prove what it claims; {@link #reason()} says which check failed. */
public final class SignatureRejected extends Exception {
    public enum Reason {
        /** The signature text (or its trusted comment, when one was required) is not in the expected layout. */
        MALFORMED,
        /** Signed by a key id that is not among the trusted keys. */
        UNKNOWN_KEY_ID,
        /** The signature does not match the body. */
        BAD_SIGNATURE,
        /** The global signature does not match: the trusted comment was altered or belongs to another signature. */
        BAD_TRUSTED_COMMENT_SIGNATURE
    }

    private final Reason reason;

    public SignatureRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
