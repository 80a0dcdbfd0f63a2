package org.rait.registry.snapshot;

import org.rait.log.EventLog;
import org.rait.registry.store.PublishedNode;
import org.rait.registry.store.RegistryStore;
import org.rait.registry.store.StoreException;
import org.rait.registry.store.Transaction;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Turns committed changes into served snapshots. A change commits first (its own transaction, no
 * rendering in it), then asks for publication and waits. Changes that ask within one window share one
 * snapshot: the approved nodes are read and the serial taken in one transaction, the list is rendered
 * and signed once outside any transaction, stored in another, and served only after that commit, so
 * nobody is served a snapshot that could still be rolled back. The caller gets a snapshot that holds
 * its change (every change committed before the read is in it). Under load the window grows: a
 * snapshot that took T to make is followed by at least T without one, so making snapshots takes at
 * most half the time however fast changes come, and what arrives meanwhile shares the next one.
 */
public final class Publication implements AutoCloseable {
    private final RegistryStore store;
    private final SnapshotPublisher publisher;
    private final Duration window;
    private final Object lock = new Object();
    private final Thread thread;
    private List<CompletableFuture<PublishedSnapshot>> waiting = new ArrayList<>();
    private long firstWaitingSince;
    /** System.nanoTime() before which no snapshot starts: the last one's end plus what it took. */
    private long quietUntil = System.nanoTime();
    private boolean closed;

    private Publication(RegistryStore store, SnapshotPublisher publisher, Duration window, boolean background) {
        this.store = store;
        this.publisher = publisher;
        this.window = window;
        this.thread = background ? new Thread(this::run, "snapshot-publication") : null;
        if (thread != null) {
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Changes within {@code window} of the first waiting one share a snapshot, made on a thread of its own. */
    public static Publication batched(RegistryStore store, SnapshotPublisher publisher, Duration window) {
        return new Publication(store, publisher, window, true);
    }

    /** Every change publishes at once in the caller's thread (offline curation: one change per process). */
    public static Publication immediate(RegistryStore store, SnapshotPublisher publisher) {
        return new Publication(store, publisher, Duration.ZERO, false);
    }

    public SnapshotPublisher publisher() {
        return publisher;
    }

    /** Blocks until a snapshot holding every change committed before this call is served, and returns it. */
    public PublishedSnapshot afterChange() {
        if (thread == null) {
            synchronized (lock) {
                return publishNow();
            }
        }
        CompletableFuture<PublishedSnapshot> served = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) throw new IllegalStateException("the registry is shutting down; the change is stored, not yet published");
            if (waiting.isEmpty()) firstWaitingSince = System.nanoTime();
            waiting.add(served);
            lock.notifyAll();
        }
        try {
            return served.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException("publication failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for publication; the change is stored", e);
        }
    }

    /**
     * Publishes a snapshot of the approved nodes now. The database hands out the serial in the
     * transaction that reads the nodes, so on a database shared by several registries a higher serial
     * was always read later and holds every change a lower one held. The list is signed outside any
     * transaction and stored in a second one. If a snapshot with a higher serial was stored meanwhile
     * (another registry, or offline curation, drafted after this one and stored first), this draft is
     * dropped, never stored nor served, and that newer snapshot, which holds every change this one
     * would have, is served and returned instead: serials only grow, in commit order as in read order.
     */
    public PublishedSnapshot publishNow() {
        return publishNow(1);
    }

    /** @param changes how many changes waited for this snapshot (logged with what it cost to make) */
    private PublishedSnapshot publishNow(int changes) {
        long started = System.nanoTime();
        Draft draft = store.transaction(Draft::read);
        long read = System.nanoTime();
        PublishedSnapshot signed = publisher.sign(draft.peers(), draft.serial());
        long signedAt = System.nanoTime();
        PublishedSnapshot snapshot = store.transaction(tx -> {
            SigningKeys.requireCurrent(tx, publisher.keyId(), signed.serial(), publisher.now());
            if (tx.snapshots().latestSerial().orElse(0L) < signed.serial()) {
                if (!tx.snapshots().insertIfFree(signed.toStored(publisher.now()))) {
                    throw new StoreException("serial " + signed.serial() + " is stored already although no newer serial is: "
                            + "the snapshot_serials table was changed by hand; the change is stored, not yet published");
                }
                return signed;
            }
            return tx.snapshots().latest().map(PublishedSnapshot::of).orElseThrow();
        });
        if (snapshot != signed) {
            EventLog.stderr().info("snapshot_draft_superseded", "serial", signed.serial(), "by", snapshot.serial(),
                    "note", "a newer snapshot, drafted later, was stored first; it holds this draft's changes");
            publisher.serve(snapshot);
            return snapshot;
        }
        publisher.serve(snapshot, List.of("peers", draft.peers().size(), "changes", changes,
                "read_ms", millis(read - started), "sign_ms", millis(signedAt - read), "store_ms", millis(System.nanoTime() - signedAt)));
        return snapshot;
    }

    /** The serial and the approved nodes, read in one transaction. */
    private record Draft(long serial, List<PublishedNode> peers) {
        static Draft read(Transaction tx) throws SQLException {
            // The serial first: it locks the counter, so the nodes read after it are read in serial order.
            long serial = tx.snapshots().allocateSerial();
            return new Draft(serial, tx.nodes().published());
        }
    }

    private void run() {
        while (true) {
            List<CompletableFuture<PublishedSnapshot>> batch;
            synchronized (lock) {
                try {
                    while (!closed && (waiting.isEmpty() || nanosToWait() > 0)) {
                        if (waiting.isEmpty()) {
                            lock.wait();
                        } else {
                            lock.wait(Math.max(1, nanosToWait() / 1_000_000), 0);
                        }
                    }
                } catch (InterruptedException e) {
                    closed = true;
                }
                batch = waiting;
                waiting = new ArrayList<>();
                if (closed) {
                    batch.forEach(f -> f.completeExceptionally(
                            new IllegalStateException("the registry is shutting down; the change is stored, not yet published")));
                    return;
                }
            }
            long started = System.nanoTime();
            try {
                PublishedSnapshot snapshot = publishNow(batch.size());
                batch.forEach(f -> f.complete(snapshot));
            } catch (RuntimeException e) {
                EventLog.stderr().error("snapshot_publication_failed", "changes", batch.size(), "error", e.getMessage());
                batch.forEach(f -> f.completeExceptionally(e));
            }
            long ended = System.nanoTime();
            synchronized (lock) {
                quietUntil = ended + (ended - started);
            }
        }
    }

    /** Called holding the lock with changes waiting: the window from the first of them, and the quiet time after the last snapshot. */
    private long nanosToWait() {
        long now = System.nanoTime();
        return Math.max(window.toNanos() - (now - firstWaitingSince), quietUntil - now);
    }

    private static String millis(long nanos) {
        return nanos / 1_000_000 + "." + nanos / 100_000 % 10;
    }

    @Override
    public void close() {
        if (thread == null) return;
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
