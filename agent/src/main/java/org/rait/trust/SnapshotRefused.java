package org.rait.trust;

/** A peer list that was fetched but not accepted; nothing from it is applied. */
public class SnapshotRefused extends Exception {
    private final RefusalReason reason;

    public SnapshotRefused(RefusalReason reason, String source, String detail) {
        super("refused peer list from " + source + ": " + reason.label() + " (" + detail + ")");
        this.reason = reason;
    }

    public RefusalReason reason() {
        return reason;
    }
}
