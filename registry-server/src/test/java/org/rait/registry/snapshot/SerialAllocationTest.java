package org.rait.registry.snapshot;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.rait.keys.WgKey;
import org.rait.peers.Peer;
import org.rait.configfile.ConfigException;
import org.rait.configfile.ConfigFiles;
import org.rait.registry.store.Database;
import org.rait.registry.store.Node;
import org.rait.registry.store.NodeState;
import org.rait.registry.store.RegistryStore;
import org.rait.registry.store.StoreKind;
import org.rait.registry.store.StoredSnapshots;
import org.rait.snapshot.MinisignSecretKey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Serials come from the database that several registries share: each registry here is its own store
 * connection and publication on one database, as two registry processes are (SQLite: one file in WAL;
 * PostgreSQL: one throwaway database).
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class SerialAllocationTest {
    private static final MinisignSecretKey KEY = MinisignSecretKey.generate(new SecureRandom());
    private static final Duration VALIDITY = Duration.ofDays(7);
    private static final AtomicInteger nextKey = new AtomicInteger();

    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;
    Database database;
    RegistryStore firstStore;
    RegistryStore secondStore;

    @BeforeEach
    void open() {
        database = kind.database(dir);
        firstStore = RegistryStore.open(database);
        secondStore = RegistryStore.open(database);
    }

    @AfterEach
    void close() {
        firstStore.close();
        secondStore.close();
    }

    @Test
    void aRegistryWhoseDraftWasOvertakenByANewerSerialServesThatOneWhichHoldsItsChange() throws Exception {
        Publication second = Publication.immediate(secondStore, new SnapshotPublisher(KEY, VALIDITY, Clock.systemUTC()));
        WgKey ours = approve(firstStore);
        AtomicReference<WgKey> theirs = new AtomicReference<>();
        AtomicReference<PublishedSnapshot> theirSnapshot = new AtomicReference<>();
        // The first registry's clock is read while it signs its draft (serial 1), outside any transaction:
        // that is when the other registry commits a change and publishes its own draft (serial 2).
        Clock interleaving = new InterleavingClock(() -> {
            theirs.set(approve(secondStore));
            theirSnapshot.set(second.publishNow());
        });
        Publication first = Publication.immediate(firstStore, new SnapshotPublisher(KEY, VALIDITY, interleaving));

        PublishedSnapshot published = first.publishNow();

        assertEquals(2, theirSnapshot.get().serial(), "the other registry drafted after the first and got serial 2");
        assertEquals(Set.of(ours, theirs.get()), keysIn(theirSnapshot.get()), "serial 2 holds the first registry's change too");
        assertEquals(2, published.serial(), "the first registry dropped its serial 1 and serves serial 2");
        assertEquals(Set.of(ours, theirs.get()), keysIn(published));
        assertEquals(List.of(2L), StoredSnapshots.read(database).stream().map(StoredSnapshots.Listed::serial).toList(),
                "serial 1 was never stored: a lower serial after a higher one would be a rollback");
    }

    @Test
    void registriesPublishingAtOnceGetSnapshotsHoldingTheirOwnChangesAndNoStoredSnapshotLosesOne() throws Exception {
        List<Publication> publications = List.of(
                Publication.immediate(firstStore, new SnapshotPublisher(KEY, VALIDITY, Clock.systemUTC())),
                Publication.immediate(secondStore, new SnapshotPublisher(KEY, VALIDITY, Clock.systemUTC())));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<long[]>> results = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            Publication publication = publications.get(thread % 2);
            RegistryStore store = thread % 2 == 0 ? firstStore : secondStore;
            results.add(pool.submit((Callable<long[]>) () -> {
                long[] serials = new long[10];
                for (int change = 0; change < serials.length; change++) {
                    WgKey approved = approve(store);
                    PublishedSnapshot snapshot = publication.publishNow();
                    assertTrue(keysIn(snapshot).contains(approved), "serial " + snapshot.serial() + " lacks the change made before it");
                    serials[change] = snapshot.serial();
                }
                return serials;
            }));
        }
        for (Future<long[]> result : results) {
            long previous = 0;
            for (long serial : result.get()) {
                assertTrue(serial > previous, "each caller's next snapshot has a higher serial");
                previous = serial;
            }
        }
        pool.shutdown();
        List<StoredSnapshots.Listed> stored = StoredSnapshots.read(database);
        StoredSnapshots.assertNoneLostAChange(stored);
        assertEquals(80, stored.get(stored.size() - 1).keys().size(), "the newest lists all 80 changes");
        System.out.printf("%s: 8 threads on two registries (one database): 80 changes, %d snapshots stored up to serial %d"
                + " (drafts overtaken by a newer one are dropped), none lost a change%n", kind, stored.size(), stored.get(stored.size() - 1).serial());
    }

    @Test
    void aRegistryWithAnotherKeyOnTheSameDatabaseRotatesItAndTheFirstThenRefusesToPublish() {
        MinisignSecretKey other = MinisignSecretKey.generate(new SecureRandom());
        SnapshotPublisher firstPublisher = new SnapshotPublisher(KEY, VALIDITY, Clock.systemUTC());
        admit(firstStore, KEY, false);
        Publication.immediate(firstStore, firstPublisher).publishNow();

        admit(secondStore, other, false);
        Publication.immediate(secondStore, new SnapshotPublisher(other, VALIDITY, Clock.systemUTC())).publishNow();

        approve(firstStore);
        SigningKeyConflict refused = assertThrows(SigningKeyConflict.class, () -> Publication.immediate(firstStore, firstPublisher).publishNow());
        assertTrue(refused.getMessage().contains(KEY.keyId().hex()) && refused.getMessage().contains(other.keyId().hex()),
                "names both keys: " + refused.getMessage());
        System.out.println("refused: " + refused.getMessage());
        SigningKeyConflict restart = assertThrows(SigningKeyConflict.class, () -> admit(firstStore, KEY, false));
        assertTrue(restart.getMessage().contains("replaced"), restart.getMessage());
        System.out.println("at restart: " + restart.getMessage());
    }

    @Test
    void aKeyGeneratedAtStartIsNeverTakenOverADatabaseAnotherKeySigned() {
        admit(firstStore, KEY, false);
        Publication.immediate(firstStore, new SnapshotPublisher(KEY, VALIDITY, Clock.systemUTC())).publishNow();
        MinisignSecretKey generated = MinisignSecretKey.generate(new SecureRandom());

        SigningKeyConflict refused = assertThrows(SigningKeyConflict.class, () -> admit(secondStore, generated, true));

        assertTrue(refused.getMessage().contains("no minisign.key") && refused.getMessage().contains(KEY.keyId().hex()),
                refused.getMessage());
        System.out.println("refused: " + refused.getMessage());
        admit(secondStore, KEY, false);
    }

    private static void admit(RegistryStore store, MinisignSecretKey key, boolean generatedNow) {
        store.transaction(tx -> {
            SigningKeys.admit(tx, key.keyId(), generatedNow, Instant.now());
            return null;
        });
    }

    private static WgKey approve(RegistryStore store) {
        byte[] bytes = new byte[WgKey.LENGTH];
        int n = nextKey.incrementAndGet();
        bytes[0] = (byte) n;
        bytes[1] = (byte) (n >> 8);
        WgKey key = WgKey.of(bytes);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        store.transaction(tx -> tx.nodes().insert(new Node(key, "node" + n, List.of(), NodeState.APPROVED, now, now, 0)));
        return key;
    }

    private static Set<WgKey> keysIn(PublishedSnapshot snapshot) {
        try {
            return ConfigFiles.parsePeers(new String(snapshot.block().body(), StandardCharsets.UTF_8), "peers.conf").peers().stream()
                    .map(Peer::publicKey).collect(Collectors.toSet());
        } catch (ConfigException e) {
            throw new AssertionError("serial " + snapshot.serial() + " does not parse: " + e.getMessage(), e);
        }
    }

    /** The system clock that runs an action once, the first time it is read. */
    private static final class InterleavingClock extends Clock {
        private final AtomicReference<Runnable> once;

        InterleavingClock(Runnable action) {
            this.once = new AtomicReference<>(action);
        }

        @Override
        public Instant instant() {
            Runnable action = once.getAndSet(null);
            if (action != null) action.run();
            return Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
