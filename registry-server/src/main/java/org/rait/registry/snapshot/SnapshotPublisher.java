package org.rait.registry.snapshot;

import org.rait.log.EventLog;
import org.rait.registry.store.PublishedNode;
import org.rait.registry.store.StoredSnapshot;
import org.rait.registry.store.Transaction;
import org.rait.snapshot.KeyId;
import org.rait.snapshot.MinisignSecretKey;
import org.rait.snapshot.SignatureRejected;
import org.rait.snapshot.SignatureVerifier;
import org.rait.snapshot.SnapshotFormat;
import org.rait.snapshot.TrustedComment;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Signs and serves snapshots of the approved nodes. {@link Publication} decides when and stores
 * them; the served one is swapped only after its transaction commits, and never for an older serial.
 */
public final class SnapshotPublisher {
    private final MinisignSecretKey signingKey;
    private final Duration validity;
    private final Clock clock;
    private final AtomicReference<PublishedSnapshot> current = new AtomicReference<>();
    private final Consumer<PublishedSnapshot> onServed;
    private final PeerFragments fragments = new PeerFragments();

    public SnapshotPublisher(MinisignSecretKey signingKey, Duration validity, Clock clock) {
        this(signingKey, validity, clock, snapshot -> { });
    }

    /** @param onServed told every snapshot that starts being served (a mirror directory writes it) */
    public SnapshotPublisher(MinisignSecretKey signingKey, Duration validity, Clock clock, Consumer<PublishedSnapshot> onServed) {
        this.signingKey = signingKey;
        this.validity = validity;
        this.clock = clock;
        this.onServed = onServed;
    }

    /**
     * Renders the list in both syntaxes (each peer's text reused from earlier snapshots unless the peer
     * changed) and signs each once, with this serial and an expiry {@code validity} from now.
     */
    PublishedSnapshot sign(List<PublishedNode> peers, long serial) {
        Instant expires = now().plus(validity);
        PeerFragments.Bodies bodies = fragments.render(peers);
        return new PublishedSnapshot(serial, expires,
                signed(bodies, serial, expires, SnapshotFormat.BLOCK), signed(bodies, serial, expires, SnapshotFormat.TOML));
    }

    /** The key this registry signs with; {@link SigningKeys} checks it is the database's. */
    public KeyId keyId() {
        return signingKey.keyId();
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Serves this snapshot unless a newer one already is (commits may finish out of order across threads). */
    public void serve(PublishedSnapshot snapshot) {
        serve(snapshot, List.of());
    }

    /** @param made how it was made, key-value pairs for the log line */
    void serve(PublishedSnapshot snapshot, List<?> made) {
        PublishedSnapshot previous = current.getAndAccumulate(snapshot,
                (old, candidate) -> old == null || candidate.serial() > old.serial() ? candidate : old);
        if (previous == null || snapshot.serial() > previous.serial()) {
            List<Object> fields = new ArrayList<>(List.of("serial", snapshot.serial(), "expires", snapshot.expires().getEpochSecond()));
            fields.addAll(made);
            EventLog.stderr().write(EventLog.Level.INFO, "snapshot_published", fields);
            onServed.accept(snapshot);
        }
    }

    /**
     * At start: serves the newest stored snapshot and returns true, unless a new one is needed: there
     * is none, it expires within {@code renewBefore}, it was not signed by the current signing key, or
     * it no longer lists the approved nodes (a change committed and the process stopped before its
     * snapshot was stored).
     */
    public boolean loadStored(Transaction tx, Duration renewBefore) throws SQLException {
        Optional<StoredSnapshot> latest = tx.snapshots().latest();
        if (latest.isEmpty() || !signedByUs(latest.get()) || dueForRenewal(latest.get().expiresAt(), renewBefore)) {
            return false;
        }
        if (!Arrays.equals(fragments.render(tx.nodes().published()).block(), latest.get().blockBody())) {
            EventLog.stderr().info("snapshot_behind", "serial", latest.get().serial(), "reason", "approved nodes changed since");
            return false;
        }
        PublishedSnapshot stored = PublishedSnapshot.of(latest.get());
        current.set(stored);
        onServed.accept(stored);
        return true;
    }

    /**
     * Serves the newest stored snapshot when it is newer than the served one: another process
     * (offline curation on the same data directory) committed it. Returns it if it was adopted.
     */
    public Optional<PublishedSnapshot> adoptNewerStored(Transaction tx) throws SQLException {
        PublishedSnapshot served = current.get();
        Optional<Long> newest = tx.snapshots().latestSerial();
        if (newest.isEmpty() || (served != null && newest.get() <= served.serial())) {
            return Optional.empty();
        }
        Optional<PublishedSnapshot> stored = tx.snapshots().latest().map(PublishedSnapshot::of);
        stored.ifPresent(this::serve);
        return stored;
    }

    public boolean dueForRenewal(Instant expires, Duration renewBefore) {
        return !clock.instant().isBefore(expires.minus(renewBefore));
    }

    public PublishedSnapshot current() {
        PublishedSnapshot snapshot = current.get();
        if (snapshot == null) {
            throw new IllegalStateException("no snapshot loaded yet");
        }
        return snapshot;
    }

    private boolean signedByUs(StoredSnapshot stored) {
        try {
            new SignatureVerifier(List.of(signingKey.publicKey())).verifySnapshot(stored.blockBody(), stored.blockSignature());
            return true;
        } catch (SignatureRejected e) {
            EventLog.stderr().warn("snapshot_resign", "serial", stored.serial(), "reason", e.reason());
            return false;
        }
    }

    private SignedBody signed(PeerFragments.Bodies bodies, long serial, Instant expires, SnapshotFormat format) {
        byte[] body = bodies.in(format);
        String comment = new TrustedComment(serial, expires, format).render();
        return new SignedBody(serial, format, body, signingKey.sign(body, comment, "rait-registry snapshot " + serial).render());
    }
}
