package org.rait.trust;

import org.rait.configfile.Syntax;
import org.rait.fetch.FetchedSnapshot;
import org.rait.snapshot.MinisignFormatException;
import org.rait.snapshot.MinisignPublicKey;
import org.rait.snapshot.MinisignSignature;
import org.rait.snapshot.SignatureRejected;
import org.rait.snapshot.SnapshotFormat;
import org.rait.snapshot.SignatureVerifier;
import org.rait.snapshot.TrustedComment;
import org.rait.snapshot.VerifiedSnapshot;
import org.rait.state.CachedSnapshot;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides whether a fetched peer list may be applied: a signature by one of the pinned
 * registry keys (several, so keys can rotate), a serial not lower than the highest accepted one, an expiry
 * in the future, and a body and signature of the same snapshot. With verification off, everything is
 * accepted unsigned; the caller warns about that at every pass.
 */
public final class TrustPolicy {
    private final Optional<SignatureVerifier> verifier;
    private final Clock clock;

    private TrustPolicy(Optional<SignatureVerifier> verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    /** Checks signatures against these keys (at least one). */
    public static TrustPolicy pinned(List<MinisignPublicKey> keys, Clock clock) {
        return new TrustPolicy(Optional.of(new SignatureVerifier(keys)), clock);
    }

    /** Accepts every peer list as it is: local files, or a remote URL with verify = false. */
    public static TrustPolicy unverified(Clock clock) {
        return new TrustPolicy(Optional.empty(), clock);
    }

    /** Whether snapshots must come with a signature (and so whether the signature is fetched at all). */
    public boolean verifies() {
        return verifier.isPresent();
    }

    /**
     * Admits a freshly fetched snapshot.
     *
     * @param floor the highest serial accepted before (rollback protection); empty before the first
     */
    public TrustedSnapshot admit(FetchedSnapshot fetched, OptionalLong floor) throws SnapshotRefused {
        if (verifier.isEmpty()) {
            return new TrustedSnapshot(fetched.url(), fetched.body(), Optional.empty(), Optional.empty(), fetched.etag());
        }
        if (fetched.signature().isEmpty()) {
            throw new SnapshotRefused(RefusalReason.MISSING_SIGNATURE, fetched.url(), "no signature was fetched");
        }
        String signature = new String(fetched.signature().get(), StandardCharsets.UTF_8);
        TrustedComment comment = verify(fetched.url(), fetched.body(), signature, fetched.announcedSerial());
        if (fetched.announcedSerial().isPresent() && fetched.announcedSerial().getAsLong() != comment.serial()) {
            throw new SnapshotRefused(RefusalReason.MISMATCHED_PAIR, fetched.url(), "the body was announced as serial "
                    + fetched.announcedSerial().getAsLong() + " but its signature says serial " + comment.serial());
        }
        if (floor.isPresent() && comment.serial() < floor.getAsLong()) {
            throw new SnapshotRefused(RefusalReason.ROLLBACK, fetched.url(), "serial " + comment.serial()
                    + " is lower than serial " + floor.getAsLong() + ", accepted before");
        }
        refuseExpired(fetched.url(), comment);
        return new TrustedSnapshot(fetched.url(), fetched.body(), Optional.of(signature), Optional.of(comment), fetched.etag());
    }

    /**
     * Re-admits the snapshot cached on disk at start: same signature and expiry checks (the file may have been
     * tampered with, or the keys rotated), but no rollback check: it is the one we accepted last.
     */
    public TrustedSnapshot readmit(CachedSnapshot cached) throws SnapshotRefused {
        String source = "cached snapshot of " + cached.url();
        if (verifier.isEmpty()) {
            return new TrustedSnapshot(cached.url(), cached.body(), cached.signature(), Optional.empty(), cached.etag());
        }
        if (cached.signature().isEmpty()) {
            throw new SnapshotRefused(RefusalReason.MISSING_SIGNATURE, source, "it was accepted while verification was off");
        }
        TrustedComment comment = verify(source, cached.body(), cached.signature().get(), OptionalLong.empty());
        refuseExpired(source, comment);
        return new TrustedSnapshot(cached.url(), cached.body(), cached.signature(), Optional.of(comment), cached.etag());
    }

    private TrustedComment verify(String source, byte[] body, String signature, OptionalLong announced) throws SnapshotRefused {
        try {
            VerifiedSnapshot verified = verifier.orElseThrow().verifySnapshot(body, signature);
            refuseOtherFormat(source, body, verified.comment());
            return verified.comment();
        } catch (SignatureRejected e) {
            throw switch (e.reason()) {
                case MALFORMED -> new SnapshotRefused(RefusalReason.MALFORMED_SIGNATURE, source, e.getMessage());
                case UNKNOWN_KEY_ID -> new SnapshotRefused(RefusalReason.UNPINNED_KEY, source, e.getMessage());
                case BAD_SIGNATURE -> pairingOrBad(source, signature, announced, e);
                case BAD_TRUSTED_COMMENT_SIGNATURE -> new SnapshotRefused(RefusalReason.BAD_SIGNATURE, source, e.getMessage());
            };
        }
    }

    /**
     * A signature that does not match the body is either forged or another snapshot's: when the server
     * announced the body's serial and the signature claims a different one, say which.
     */
    private static SnapshotRefused pairingOrBad(String source, String signature, OptionalLong announced, SignatureRejected e) {
        if (announced.isPresent()) {
            Optional<Long> claimed = claimedSerial(signature);
            if (claimed.isPresent() && claimed.get() != announced.getAsLong()) {
                return new SnapshotRefused(RefusalReason.MISMATCHED_PAIR, source, "the body is serial " + announced.getAsLong()
                        + " but the signature is for serial " + claimed.get());
            }
        }
        return new SnapshotRefused(RefusalReason.BAD_SIGNATURE, source, e.getMessage());
    }

    /** The serial the signature's trusted comment claims, unverified (only used to explain a refusal). */
    private static Optional<Long> claimedSerial(String signature) {
        try {
            return Optional.of(TrustedComment.parse(MinisignSignature.parse(signature).trustedComment()).serial());
        } catch (MinisignFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The signed comment says which syntax the body is in; a body that shows the other one was not published
     * as signed. A body of plain key = value lines (an empty list) reads alike in both and passes.
     */
    private static void refuseOtherFormat(String source, byte[] body, TrustedComment comment) throws SnapshotRefused {
        Syntax signed = comment.format() == SnapshotFormat.BLOCK ? Syntax.BLOCK : Syntax.TOML;
        Optional<Syntax> shown = Syntax.shown(new String(body, StandardCharsets.UTF_8));
        if (shown.isPresent() && shown.get() != signed) {
            throw new SnapshotRefused(RefusalReason.FORMAT_MISMATCH, source, "the trusted comment says format:"
                    + comment.format().word() + " but the body is in the " + shown.get().name().toLowerCase(java.util.Locale.ROOT)
                    + " syntax");
        }
    }

    private void refuseExpired(String source, TrustedComment comment) throws SnapshotRefused {
        if (comment.isExpiredAt(clock.instant())) {
            throw new SnapshotRefused(RefusalReason.EXPIRED, source, "serial " + comment.serial() + " expired at " + comment.expires());
        }
    }
}
