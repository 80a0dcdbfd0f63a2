package org.rait.registry.snapshot;

import org.rait.log.EventLog;
import org.rait.registry.store.RegistryStore;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the served snapshot valid and current: at start, and then every minute, a snapshot that
 * expires within {@code renewBefore} is re-signed with a new serial and expiry; every second a newer
 * snapshot committed by another writer on the database (another registry, offline curation) is served.
 * Following is polling, on both stores: one indexed MAX(serial) a second costs nothing, needs no
 * connection held open for notifications, and cannot miss a commit the way a notification lost during
 * a reconnect would; a snapshot is served everywhere within about a second of its commit.
 */
public final class SnapshotRenewal implements AutoCloseable {
    private static final Duration CHECK_EVERY = Duration.ofMinutes(1);
    private static final Duration FOLLOW_EVERY = Duration.ofSeconds(1);
    private final RegistryStore store;
    private final SnapshotPublisher publisher;
    private final Publication publication;
    private final Duration renewBefore;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "snapshot-renewal");
        thread.setDaemon(true);
        return thread;
    });

    public SnapshotRenewal(RegistryStore store, Publication publication, Duration renewBefore) {
        this.store = store;
        this.publisher = publication.publisher();
        this.publication = publication;
        this.renewBefore = renewBefore;
    }

    public void loadAtStart() {
        if (!store.transaction(tx -> publisher.loadStored(tx, renewBefore))) {
            publication.publishNow();
        }
    }

    /** Re-signs when due; returns the new snapshot if it made one. */
    public Optional<PublishedSnapshot> renewIfDue() {
        // The stored newest, not the served one: a change may have committed one that is not served yet.
        boolean due = store.transaction(tx -> tx.snapshots().latest()
                .map(s -> publisher.dueForRenewal(s.expiresAt(), renewBefore)).orElse(true));
        return due ? Optional.of(publication.publishNow()) : Optional.empty();
    }

    /** Serves a newer snapshot another process committed, if there is one. */
    public Optional<PublishedSnapshot> followStore() {
        return store.transaction(publisher::adoptNewerStored);
    }

    public void schedule() {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                followStore();
            } catch (RuntimeException e) {
                EventLog.stderr().error("snapshot_follow_failed", "error", e.getMessage());
            }
        }, FOLLOW_EVERY.toMillis(), FOLLOW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                renewIfDue();
            } catch (RuntimeException e) {
                EventLog.stderr().error("snapshot_renewal_failed", "error", e.getMessage());
            }
        }, CHECK_EVERY.toSeconds(), CHECK_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
