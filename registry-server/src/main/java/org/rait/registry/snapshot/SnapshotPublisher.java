package org.rait.registry.snapshot;

import org.rait.configfile.ConfigFiles;
import org.rait.configfile.Syntax;
import org.rait.log.EventLog;
import org.rait.peers.PeerList;
import org.rait.registry.store.Node;
import org.rait.registry.store.NodeState;
import org.rait.registry.store.StoredSnapshot;
import org.rait.registry.store.Transaction;
import org.rait.snapshot.MinisignSecretKey;
import org.rait.snapshot.SignatureRejected;
import org.rait.snapshot.SignatureVerifier;
import org.rait.snapshot.SnapshotFormat;
import org.rait.snapshot.TrustedComment;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes and serves signed snapshots of the approved nodes. A new snapshot is written inside the
 * transaction of the change that caused it, with the next serial; the served one is swapped only
 * after that transaction commits, so clients never see a snapshot that might be rolled back.
 */
public final class SnapshotPublisher {
    private final MinisignSecretKey signingKey;
    private final Duration validity;
    private final Clock clock;
    private final AtomicReference<PublishedSnapshot> current = new AtomicReference<>();

    public SnapshotPublisher(MinisignSecretKey signingKey, Duration validity, Clock clock) {
        this.signingKey = signingKey;
        this.validity = validity;
        this.clock = clock;
    }

    /** Writes the next snapshot of the approved nodes in this transaction; call {@link #serve} after commit. */
    public PublishedSnapshot publish(Transaction tx) throws SQLException {
        long serial = tx.snapshots().latest().map(StoredSnapshot::serial).orElse(0L) + 1;
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(validity);
        PeerList peers = new PeerList(tx.nodes().list(Optional.of(NodeState.APPROVED)).stream().map(Node::asPeer).toList());
        PublishedSnapshot snapshot = new PublishedSnapshot(serial, expires,
                signed(peers, serial, expires, SnapshotFormat.BLOCK), signed(peers, serial, expires, SnapshotFormat.TOML));
        tx.snapshots().insert(snapshot.toStored(now));
        return snapshot;
    }

    /** Serves this snapshot unless a newer one already is (commits may finish out of order across threads). */
    public void serve(PublishedSnapshot snapshot) {
        PublishedSnapshot previous = current.getAndAccumulate(snapshot,
                (old, candidate) -> old == null || candidate.serial() > old.serial() ? candidate : old);
        if (previous == null || snapshot.serial() > previous.serial()) {
            EventLog.stderr().info("snapshot_published", "serial", snapshot.serial(), "expires", snapshot.expires().getEpochSecond());
        }
    }

    /**
     * At start: serve the newest stored snapshot, or publish a new one when there is none, when it
     * expires within {@code renewBefore}, or when it was not signed by the current signing key.
     */
    public Optional<PublishedSnapshot> loadOrRenew(Transaction tx, Duration renewBefore) throws SQLException {
        Optional<StoredSnapshot> latest = tx.snapshots().latest();
        if (latest.isPresent() && signedByUs(latest.get()) && !dueForRenewal(latest.get().expiresAt(), renewBefore)) {
            current.set(PublishedSnapshot.of(latest.get()));
            return Optional.empty();
        }
        return Optional.of(publish(tx));
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

    private SignedBody signed(PeerList peers, long serial, Instant expires, SnapshotFormat format) {
        byte[] body = ConfigFiles.render(peers, format == SnapshotFormat.BLOCK ? Syntax.BLOCK : Syntax.TOML)
                .getBytes(StandardCharsets.UTF_8);
        String comment = new TrustedComment(serial, expires, format).render();
        return new SignedBody(serial, format, body, signingKey.sign(body, comment, "rait-registry snapshot " + serial).render());
    }
}
