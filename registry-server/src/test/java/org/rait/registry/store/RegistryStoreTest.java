package org.rait.registry.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the registry relies on from its store, the same on SQLite and on PostgreSQL. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class RegistryStoreTest {
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;
    Database database;
    RegistryStore store;

    @BeforeEach
    void open() {
        database = kind.database(dir);
        store = RegistryStore.open(database);
    }

    @AfterEach
    void close() {
        // null when the PostgreSQL half was skipped
        if (store != null) store.close();
    }

    @Test
    void nodesAreKeptUpdatedListedInKeyOrderAndDeleted() {
        Node b = node(2, NodeState.PENDING, new Endpoint(AddressFamily.IP6, 50002, "2001:db8::2"));
        Node a = node(1, NodeState.APPROVED, new Endpoint(AddressFamily.IP4, 50001, "192.0.2.1"));
        run(tx -> tx.nodes().insert(b));
        run(tx -> tx.nodes().insert(a));
        Node approvedB = new Node(b.publicKey(), "renamed", b.endpoints(), NodeState.APPROVED, b.createdAt(), T0.plusSeconds(60),
                4_102_444_800_000L);
        run(tx -> tx.nodes().update(approvedB));

        assertEquals(Optional.of(approvedB), store.transaction(tx -> tx.nodes().find(b.publicKey())));
        assertEquals(List.of(a, approvedB), store.transaction(tx -> tx.nodes().list(Optional.empty())));
        assertEquals(List.of(a, approvedB), store.transaction(tx -> tx.nodes().list(Optional.of(NodeState.APPROVED))));
        assertEquals(true, store.transaction(tx -> tx.nodes().delete(a.publicKey())));
        assertEquals(false, store.transaction(tx -> tx.nodes().delete(a.publicKey())));
        assertEquals(List.of(approvedB), store.transaction(tx -> tx.nodes().list(Optional.empty())));
    }

    @Test
    void nodesAndReportsAreListedInTheByteOrderOfTheirBase64KeysWhateverTheDatabasesLocale() {
        // Keys whose base64 starts with a, Z, B, 0, / and +: English collation would sort them "/ + 0 a B Z".
        List<Node> nodes = new ArrayList<>();
        for (int firstByte : new int[]{0x68, 0x64, 0x04, 0xD0, 0xFC, 0xF8}) {
            byte[] key = new byte[WgKey.LENGTH];
            key[0] = (byte) firstByte;
            nodes.add(new Node(WgKey.of(key), "n" + firstByte, List.of(), NodeState.APPROVED, T0, T0, 1));
        }
        for (Node node : nodes) {
            run(tx -> tx.nodes().insert(node));
            run(tx -> tx.reports().putIfNewer(new StoredReport(node.publicKey(), T0, 1, "{}")));
        }

        List<String> expected = List.of("+", "/", "0", "B", "Z", "a");
        assertEquals(expected, store.transaction(tx -> tx.nodes().list(Optional.empty())).stream()
                .map(n -> n.publicKey().base64().substring(0, 1)).toList());
        assertEquals(expected, store.transaction(tx -> tx.nodes().published()).stream()
                .map(n -> n.publicKey().substring(0, 1)).toList());
        assertEquals(expected, store.transaction(tx -> tx.reports().list()).stream()
                .map(r -> r.node().base64().substring(0, 1)).toList());
    }

    @Test
    void anEnrollmentTokenIsUsedUpAndExpires() {
        byte[] hash = bytes(32, 7);
        long first = store.transaction(tx -> tx.enrollmentTokens().insert(hash, 2, T0.plusSeconds(3600), T0, "admin:ops", "rack 4"));
        long second = store.transaction(tx -> tx.enrollmentTokens().insert(bytes(32, 8), 1, T0.plusSeconds(60), T0, "admin:ops", ""));

        assertTrue(second > first, "ids grow: " + first + ", " + second);
        assertEquals(Optional.of(1), store.transaction(tx -> tx.enrollmentTokens().consume(hash, T0)).map(EnrollmentToken::usesLeft));
        assertEquals(Optional.of(0), store.transaction(tx -> tx.enrollmentTokens().consume(hash, T0)).map(EnrollmentToken::usesLeft));
        assertEquals(Optional.empty(), store.transaction(tx -> tx.enrollmentTokens().consume(hash, T0)));
        assertEquals(Optional.empty(), store.transaction(tx -> tx.enrollmentTokens().consume(bytes(32, 8), T0.plusSeconds(60))));
        assertEquals(List.of(new EnrollmentToken(first, 0, T0.plusSeconds(3600), T0, "admin:ops", "rack 4"),
                        new EnrollmentToken(second, 1, T0.plusSeconds(60), T0, "admin:ops", "")),
                store.transaction(tx -> tx.enrollmentTokens().list()));
        assertEquals(true, store.transaction(tx -> tx.enrollmentTokens().delete(first)));
        assertEquals(1, store.transaction(tx -> tx.enrollmentTokens().list()).size());
    }

    @Test
    void anAdminTokenRecordsItsUseAndRevocationAndKeepsItsHash() {
        byte[] hash = bytes(32, 9);
        run(tx -> tx.adminTokens().insert("ops", hash, T0, "local:root"));
        run(tx -> tx.adminTokens().markUsed("ops", T0.plusSeconds(5)));

        assertArrayEquals(hash, store.transaction(tx -> tx.adminTokens().active()).get(0).hash());
        assertEquals(new AdminToken("ops", T0, "local:root", Optional.of(T0.plusSeconds(5)), Optional.empty(), Optional.empty()),
                store.transaction(tx -> tx.adminTokens().find("ops")).orElseThrow());
        assertEquals(true, store.transaction(tx -> tx.adminTokens().revoke("ops", T0.plusSeconds(9), "admin:other")));
        assertEquals(false, store.transaction(tx -> tx.adminTokens().revoke("ops", T0.plusSeconds(10), "admin:other")));
        assertEquals(List.of(), store.transaction(tx -> tx.adminTokens().active()));
        assertEquals(List.of(new AdminToken("ops", T0, "local:root", Optional.of(T0.plusSeconds(5)), Optional.of(T0.plusSeconds(9)),
                Optional.of("admin:other"))), store.transaction(tx -> tx.adminTokens().list()));
    }

    @Test
    void theAuditLogListsNewestFirstAndCountsByActorKind() {
        run(tx -> tx.audit().record(T0, "admin:ops", "approve", "key1", "{}"));
        run(tx -> tx.audit().record(T0.plusSeconds(1), "admin:other", "approve", "key2", "{}"));
        run(tx -> tx.audit().record(T0.plusSeconds(2), "node:key3", "register", "key3", "{\"name\":\"n3\"}"));

        List<AuditEntry> latest = store.transaction(tx -> tx.audit().latest(2));
        assertEquals(List.of("register", "approve"), latest.stream().map(AuditEntry::action).toList());
        assertEquals(T0.plusSeconds(2), latest.get(0).at());
        assertEquals(Map.of(List.of("admin", "approve"), 2L, List.of("node", "register"), 1L),
                store.transaction(tx -> tx.audit().countsByActorKindAndAction()));
    }

    @Test
    void aNodesReportIsReplacedByItsNextAndNeverByOneNoNewer() {
        WgKey key = node(1, NodeState.APPROVED).publicKey();
        assertTrue(holds(tx -> tx.reports().putIfNewer(new StoredReport(key, T0, 100, "{\"serial\":1}"))));
        StoredReport next = new StoredReport(key, T0.plusSeconds(30), 130, "{\"serial\":2}");
        assertTrue(holds(tx -> tx.reports().putIfNewer(next)));
        assertFalse(holds(tx -> tx.reports().putIfNewer(new StoredReport(key, T0.plusSeconds(31), 130, "{\"serial\":3}"))),
                "the same request timestamp again: a replay");
        assertFalse(holds(tx -> tx.reports().putIfNewer(new StoredReport(key, T0.plusSeconds(32), 120, "{\"serial\":3}"))));

        assertEquals(List.of(next), store.transaction(tx -> tx.reports().list()));
        run(tx -> tx.reports().delete(key));
        assertEquals(Optional.empty(), store.transaction(tx -> tx.reports().find(key)));
    }

    @Test
    void aRequestTimestampIsClaimedOnlyWhenNewerAndANodeIsInsertedOnlyOnce() {
        Node node = node(1, NodeState.PENDING);
        assertTrue(holds(tx -> tx.nodes().insert(node)));
        long first = node.lastRequestTimestamp();
        assertFalse(holds(tx -> tx.nodes().claimRequestTimestamp(node.publicKey(), first)), "the same timestamp: a replay");
        assertTrue(holds(tx -> tx.nodes().claimRequestTimestamp(node.publicKey(), first + 1)));
        assertFalse(holds(tx -> tx.nodes().claimRequestTimestamp(node.publicKey(), first)), "an older one");
        assertEquals(first + 1, store.transaction(tx -> tx.nodes().find(node.publicKey())).orElseThrow().lastRequestTimestamp());
        assertFalse(holds(tx -> tx.nodes().insert(node)), "a node with this key is there");
    }

    @Test
    void snapshotsKeepTheirBytesAndOnlyTheNewestFiftyAreKept() {
        assertEquals(Optional.empty(), store.transaction(tx -> tx.snapshots().latestSerial()));
        for (long serial = 1; serial <= 60; serial++) {
            StoredSnapshot snapshot = snapshot(serial);
            assertTrue(holds(tx -> tx.snapshots().insertIfFree(snapshot)));
        }
        assertFalse(holds(tx -> tx.snapshots().insertIfFree(snapshot(60))), "serial 60 is taken");

        StoredSnapshot latest = store.transaction(tx -> tx.snapshots().latest()).orElseThrow();
        assertEquals(60, latest.serial());
        assertArrayEquals(snapshot(60).blockBody(), latest.blockBody());
        assertArrayEquals(snapshot(60).tomlBody(), latest.tomlBody());
        assertEquals(snapshot(60).tomlSignature(), latest.tomlSignature());
        assertEquals(Optional.of(60L), store.transaction(tx -> tx.snapshots().latestSerial()));
        assertEquals(50L, count("snapshots"));
    }

    @Test
    void reopeningKeepsTheRowsAndRunsNoStepTwice() {
        Node node = node(1, NodeState.PENDING);
        run(tx -> tx.nodes().insert(node));
        store.close();

        store = RegistryStore.open(database);

        assertEquals(Optional.of(node), store.transaction(tx -> tx.nodes().find(node.publicKey())));
        assertEquals(1L, count("schema_version"));
    }

    @Test
    void aDatabaseOfANewerRegistryIsRefusedNamingBothVersions() throws Exception {
        try (Connection c = database.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE schema_version SET version = 999");
        }
        store.close();

        StoreException e = assertThrows(StoreException.class, () -> store = RegistryStore.open(database));

        assertTrue(e.getMessage().contains("the database has schema version 999, newer than this registry knows"), e.getMessage());
        assertTrue(e.getMessage().contains(database.describe()), e.getMessage());
    }

    @Test
    void aFailingTransactionIsUndoneAloneWhileTheOthersOfItsGroupCommit() throws Exception {
        run(tx -> tx.nodes().insert(node(0, NodeState.PENDING)));
        run(tx -> tx.adminTokens().insert("taken", new byte[]{0}, T0, "test"));
        int writers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        for (int i = 1; i <= writers; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                start.await();
                return store.transaction(tx -> {
                    tx.audit().record(T0, "admin:ops", "try", "n" + n, "");
                    // Every third one inserts an admin token under a name that is taken: a constraint violation after its audit row.
                    if (n % 3 == 0) {
                        tx.adminTokens().insert("taken", new byte[]{(byte) n}, T0, "test");
                    } else {
                        tx.nodes().insert(node(n, NodeState.PENDING));
                    }
                    return n;
                });
            }));
        }
        start.countDown();
        int failed = 0;
        for (Future<?> result : results) {
            try {
                result.get();
            } catch (java.util.concurrent.ExecutionException e) {
                assertInstanceOf(StoreException.class, e.getCause());
                failed++;
            }
        }
        pool.shutdown();

        assertEquals(5, failed);
        assertEquals(writers - 5 + 1L, count("nodes"));
        assertEquals(writers - 5L, count("audit_log"), "a failed transaction's earlier writes are undone with it");
    }

    @Test
    void twoStoresOnOneDatabaseNeverInterleaveTheirTransactions() throws Exception {
        Node counter = node(1, NodeState.APPROVED);
        run(tx -> tx.nodes().insert(counter));
        int perThread = 40;
        try (RegistryStore second = RegistryStore.open(database)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> results = new ArrayList<>();
            for (RegistryStore s : List.of(store, second, store, second)) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        // Read, then write what was read plus one: an interleaving would lose an increment.
                        s.transaction(tx -> {
                            Node now = tx.nodes().find(counter.publicKey()).orElseThrow();
                            tx.nodes().update(new Node(now.publicKey(), now.name(), now.endpoints(), now.state(), now.createdAt(),
                                    now.updatedAt(), now.lastRequestTimestamp() + 1));
                            return null;
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
            pool.shutdown();
        }

        assertEquals(counter.lastRequestTimestamp() + 4L * perThread,
                store.transaction(tx -> tx.nodes().find(counter.publicKey())).orElseThrow().lastRequestTimestamp());
    }

    @Test
    void aLostServerConnectionFailsOneTransactionAndTheNextOneConnectsAgain() {
        Assumptions.assumeTrue(kind == StoreKind.POSTGRESQL, "only a server connection can be lost");
        Node node = node(1, NodeState.PENDING);
        run(tx -> tx.nodes().insert(node));
        int backend = store.transaction(tx -> {
            try (Statement st = tx.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        try (Connection admin = database.connect(); Statement st = admin.createStatement()) {
            st.execute("SELECT pg_terminate_backend(" + backend + ")");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }

        assertThrows(StoreException.class, () -> store.transaction(tx -> tx.nodes().find(node.publicKey())));
        assertEquals(Optional.of(node), store.transaction(tx -> tx.nodes().find(node.publicKey())));
    }

    private boolean holds(RegistryStore.Work<Boolean> work) {
        return store.transaction(work);
    }

    private void run(SqlStep step) {
        store.transaction(tx -> {
            step.run(tx);
            return null;
        });
    }

    private interface SqlStep {
        void run(Transaction tx) throws java.sql.SQLException;
    }

    private long count(String table) {
        return store.transaction(tx -> {
            try (Statement st = tx.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static Node node(int n, NodeState state, Endpoint... endpoints) {
        byte[] key = new byte[WgKey.LENGTH];
        key[0] = (byte) n;
        key[1] = 1;
        return new Node(WgKey.of(key), "node" + n, List.of(endpoints), state, T0, T0, 1_780_000_000_000L + n);
    }

    private static StoredSnapshot snapshot(long serial) {
        return new StoredSnapshot(serial, T0.plusSeconds(serial), T0.plusSeconds(serial + 604800),
                ("# serial " + serial + "\n").getBytes(StandardCharsets.UTF_8), "block-sig-" + serial,
                bytes(300, (int) serial), "toml-sig-" + serial);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (seed * 31 + i * 7);
        return b;
    }
}
