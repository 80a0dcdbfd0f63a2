package org.rait.trust;

import java.util.Locale;

/** Why a fetched peer list was not accepted. Each is a metrics label and a log value. */
public enum RefusalReason {
    /** Verification is on and the server sent no signature. */
    MISSING_SIGNATURE,
    /** The signature file, or its trusted comment, is not in minisign's layout. */
    MALFORMED_SIGNATURE,
    /** Signed by a key that is not pinned in rait.conf. */
    UNPINNED_KEY,
    /** The signature (or its trusted comment's signature) does not match. */
    BAD_SIGNATURE,
    /** The body and the signature belong to different snapshots. */
    MISMATCHED_PAIR,
    /** A serial lower than the highest one already accepted: someone serves an old snapshot. */
    ROLLBACK,
    /** The snapshot's expiry has passed: someone keeps serving a frozen snapshot. */
    EXPIRED,
    /** The trusted comment's format: names one syntax and the body is in the other. */
    FORMAT_MISMATCH,
    /** Signed correctly but not a valid peer list. */
    UNPARSABLE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
