package org.rait.registry;

import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.rait.configfile.ConfigFiles;
import org.rait.health.HealthReport;
import org.rait.keys.WgKey;
import org.rait.peers.Peer;
import org.rait.registration.RegistrationClient;
import org.rait.registration.RegistrationFailed;
import org.rait.registration.RequestProof;
import org.rait.registry.config.ListenAddress;
import org.rait.registry.config.RegistryConfig;
import org.rait.registry.http.RegistryServer;
import org.rait.registry.snapshot.SigningKeyConflict;
import org.rait.registry.store.Database;
import org.rait.registry.store.StoreKind;
import org.rait.registry.store.StoredSnapshots;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two active registries on one database: one SQLite file in WAL (as two processes on one host share it),
 * or one PostgreSQL database. They share the data directory's key files, as registries on several hosts
 * share copies of them. Serials come from the database, each registry serves what the other committed,
 * and a proof is good once across both.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class SeveralRegistriesTest {
    private static final int NODES = 40;

    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;
    Database database;
    RunningRegistry first;
    RunningRegistry second;
    WgKey registryKey;

    @BeforeEach
    void twoRegistriesOnOneDatabase() throws Exception {
        database = kind.database(dir.resolve("data"));
        first = RunningRegistry.start(dir.resolve("data"), config());
        second = RunningRegistry.start(dir.resolve("data"), config());
        registryKey = first.registrationKey();
        assertEquals(registryKey, second.registrationKey(), "one registration key for both");
    }

    private RegistryConfig config() {
        return RegistryConfig.defaults().withDataDir(dir.resolve("data")).withListen(new ListenAddress("127.0.0.1", 0))
                .withDatabase(database);
    }

    @AfterEach
    void stop() {
        second.close();
        first.close();
    }

    @Test
    void registrationsThroughBothAtOnceGetOneSerialPerSnapshotAndNoSnapshotLosesAnEarlierChange() throws Exception {
        String token = first.adminJson("POST", "/v1/admin/enrollment-tokens", Map.of("uses", NODES)).get("token").asText();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> statuses = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < NODES; i++) {
            TestNode node = new TestNode("node" + i, 41000 + i);
            RunningRegistry through = i % 2 == 0 ? first : second;
            statuses.add(pool.submit((Callable<Integer>) () -> {
                try (Response response = node.register(through, registryKey, token)) {
                    return response.code();
                }
            }));
        }
        for (Future<Integer> status : statuses) assertEquals(201, status.get());
        long answered = System.nanoTime();
        pool.shutdown();

        List<StoredSnapshots.Listed> stored = StoredSnapshots.read(database);
        StoredSnapshots.Listed newest = stored.get(stored.size() - 1);
        assertEquals(NODES, newest.keys().size(), "the newest snapshot lists every node");
        StoredSnapshots.assertNoneLostAChange(stored);
        long servedEverywhere = awaitServed(newest.serial(), first, second);
        System.out.printf(kind + ": %d registrations through two registries (alternating, 16 clients): %d snapshots, serials %d..%d, "
                        + "each listing every node the one before listed; %d ms for all answers, newest served by both %d ms after the last answer%n",
                NODES, stored.size(), stored.get(0).serial(), newest.serial(), (answered - started) / 1_000_000,
                (servedEverywhere - answered) / 1_000_000);
    }

    @Test
    void aChangeCommittedThroughOneRegistryIsServedByTheOtherWithinTwoSeconds() throws Exception {
        for (int round = 0; round < 3; round++) {
            TestNode node = new TestNode("late" + round, 42000 + round);
            try (Response response = node.register(first, registryKey, null)) {
                assertEquals(201, response.code());
            }
            // approve answers once its snapshot is committed and served by the registry that took it
            first.adminJson("POST", "/v1/admin/nodes/" + RunningRegistry.keyPath(node.key()) + "/approve", null);
            long committed = System.nanoTime();
            long approved = FetchedSnapshot.fetch(first, "").serial();
            long served = awaitServed(approved, second);
            double seconds = (served - committed) / 1e9;
            System.out.printf(kind + ": approved through the first registry as serial %d: the second serves it %.2f s later%n", approved, seconds);
            assertTrue(seconds <= 2.0, "the second registry served serial " + approved + " only after " + seconds + " s");
            assertTrue(peersServedBy(second).contains(node.key()), "the second registry's list holds the node");
        }
    }

    @Test
    void aRegistrationReplayedToBothRegistriesAtOnceIsTakenOnce() throws Exception {
        for (int i = 0; i < 10; i++) {
            TestNode node = new TestNode("replayed" + i, 43000 + i);
            byte[] body = node.body(null);
            RequestProof proof = node.proof(registryKey, System.currentTimeMillis() / 1000, body);
            List<Integer> codes = atOnce(() -> code(TestNode.send(first, body, proof)), () -> code(TestNode.send(second, body, proof)));
            assertEquals(List.of(201, 401), codes.stream().sorted().toList(), "one request, sent to both registries at once");

            byte[] update = node.body(null);
            RequestProof later = node.proof(registryKey, proof.timestamp() + 1, update);
            codes = atOnce(() -> code(TestNode.send(first, update, later)), () -> code(TestNode.send(second, update, later)));
            assertEquals(List.of(200, 401), codes.stream().sorted().toList(), "an update, sent to both registries at once");
        }
    }

    @Test
    void aHealthReportReplayedToBothRegistriesAtOnceIsTakenOnce() throws Exception {
        TestNode node = new TestNode("reporter", 43100);
        try (Response response = node.register(first, registryKey, null)) {
            assertEquals(201, response.code());
        }
        RegistrationClient toFirst = new RegistrationClient("https://127.0.0.1:" + first.server.port(),
                Optional.of(first.server.tls().pin()), Clock.systemUTC());
        RegistrationClient toSecond = new RegistrationClient("https://127.0.0.1:" + second.server.port(),
                Optional.of(second.server.tls().pin()), Clock.systemUTC());
        HealthReport report = new HealthReport("0.1.0-test", OptionalLong.of(1), new HealthReport.LastPass("fresh", "applied", "", 1),
                60, List.of());
        long timestamp = System.currentTimeMillis() / 1000;
        for (int i = 0; i < 10; i++) {
            long at = timestamp + i;
            List<Integer> outcomes = atOnce(() -> reported(toFirst, node, report, at), () -> reported(toSecond, node, report, at));
            assertEquals(List.of(0, 1), outcomes.stream().sorted().toList(), "report " + i + ": taken once (1), refused once (0)");
        }
    }

    @Test
    void aRegistryWithoutTheKeyFilesRefusesToStartOnTheDatabaseAndSaysWhatToInstall() throws Exception {
        TestNode node = new TestNode("before", 43200);
        try (Response response = node.register(first, registryKey, null)) {
            assertEquals(201, response.code());
        }
        Path bare = dir.resolve("bare");
        RegistryConfig withoutKeys = RegistryConfig.defaults().withDataDir(bare).withListen(new ListenAddress("127.0.0.1", 0))
                .withDatabase(database);

        SigningKeyConflict refused = assertThrows(SigningKeyConflict.class, () -> RegistryServer.start(withoutKeys, Clock.systemUTC()));

        assertTrue(refused.getMessage().contains("generated a new signing key") && refused.getMessage().contains("minisign.key")
                && refused.getMessage().contains(first.server.signingKey().keyId().hex()), refused.getMessage());
        System.out.println(kind + ": refused to start: " + refused.getMessage());
        assertFalse(Files.exists(bare.resolve("minisign.key")), "the generated key is not left for the next start to take");
        assertThrows(SigningKeyConflict.class, () -> RegistryServer.start(withoutKeys, Clock.systemUTC()), "a second start refuses too");
        assertEquals(FetchedSnapshot.fetch(first, "").serial(), FetchedSnapshot.fetch(second, "").serial(),
                "the running registries go on serving the same snapshot");
    }

    private int reported(RegistrationClient client, TestNode node, HealthReport report, long timestamp) {
        try {
            client.report(node.prover, registryKey, report, timestamp);
            return 1;
        } catch (RegistrationFailed e) {
            assertTrue(e.getMessage().contains("replay"), e.getMessage());
            return 0;
        }
    }

    private static int code(Response response) {
        try (response) {
            return response.code();
        }
    }

    /** Runs both at the same moment (as far as two threads can) and returns their results in order. */
    private static List<Integer> atOnce(Callable<Integer> one, Callable<Integer> other) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = pool.submit(() -> {
                start.await();
                return one.call();
            });
            Future<Integer> b = pool.submit(() -> {
                start.await();
                return other.call();
            });
            return List.of(a.get(), b.get());
        } finally {
            pool.shutdown();
        }
    }

    /** Polls the registries until each serves at least this serial; returns when the last did. */
    private static long awaitServed(long serial, RunningRegistry... registries) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (RunningRegistry registry : registries) {
            while (FetchedSnapshot.fetch(registry, "").serial() < serial) {
                assertTrue(System.nanoTime() < deadline, "serial " + serial + " not served within 30 s");
                Thread.sleep(20);
            }
        }
        return System.nanoTime();
    }

    private static Set<WgKey> peersServedBy(RunningRegistry registry) throws Exception {
        return ConfigFiles.parsePeers(FetchedSnapshot.fetch(registry, "").text(), "peers.conf").peers().stream()
                .map(Peer::publicKey).collect(Collectors.toSet());
    }
}
