package org.rait.registry.health;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.rait.health.HealthReport;
import org.rait.health.HealthReportJson;
import org.rait.keys.WgKey;
import org.rait.keys.X25519;
import org.rait.log.EventLog;
import org.rait.registration.NodeProver;
import org.rait.registration.RegistrationKey;
import org.rait.registration.RequestProof;
import org.rait.registry.Refusal;
import org.rait.registry.nodes.ProofCheck;
import org.rait.registry.store.Node;
import org.rait.registry.store.NodeState;
import org.rait.registry.store.RegistryStore;
import org.rait.registry.store.StoreKind;
import org.rait.registry.store.StoredReport;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@ParameterizedClass
@EnumSource(StoreKind.class)
class NodeReportsTest {
    private static final Instant NOW = Instant.parse("2027-01-15T10:00:00Z");
    private static final String PATH = "/v1/reports";

    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;
    RegistryStore store;
    RegistrationKey registryKey = RegistrationKey.generate(new SecureRandom());
    NodeProver node = new NodeProver(X25519.generatePrivateKey());
    NodeReports reports;

    @BeforeEach
    void aRegisteredNode() {
        store = kind.open(dir);
        insert(node.publicKey(), NodeState.PENDING);
        reports = new NodeReports(store, new ProofCheck(registryKey, Duration.ofSeconds(300)), Clock.fixed(NOW, ZoneOffset.UTC), EventLog.quiet());
    }

    @AfterEach
    void close() {
        // null when the PostgreSQL half was skipped
        if (store != null) store.close();
    }

    @Test
    void aProvedReportIsKeptAsTheNodesLatestUnderTheKeyTheProofShows() {
        byte[] body = body(3);

        reports.accept(proof(node, NOW.getEpochSecond(), body), "POST", PATH, body);

        StoredReport stored = store.transaction(tx -> tx.reports().find(node.publicKey())).orElseThrow();
        assertEquals(NOW, stored.receivedAt());
        assertEquals(OptionalLong.of(3), HealthReportJson.read(stored.body().getBytes()).appliedSerial());
    }

    @Test
    void aReplayedOrOlderReportIsRefused() {
        byte[] first = body(3);
        reports.accept(proof(node, NOW.getEpochSecond(), first), "POST", PATH, first);
        byte[] older = body(2);

        assertEquals(Refusal.Kind.UNAUTHENTICATED, refusal(proof(node, NOW.getEpochSecond(), first), first));
        assertEquals(Refusal.Kind.UNAUTHENTICATED, refusal(proof(node, NOW.getEpochSecond() - 1, older), older));
    }

    @Test
    void aNodeCannotReportAsAnotherOneNorReportWhenUnknownRevokedOrWithABadBody() {
        NodeProver other = new NodeProver(X25519.generatePrivateKey());
        byte[] body = body(1);
        RequestProof forged = new RequestProof(node.publicKey(), NOW.getEpochSecond(),
                other.prove(registryKey.publicKey(), "POST", PATH, NOW.getEpochSecond(), body).mac());
        assertEquals(Refusal.Kind.UNAUTHENTICATED, refusal(forged, body));

        assertEquals(Refusal.Kind.NOT_FOUND, refusal(proof(other, NOW.getEpochSecond(), body), body));
        insert(other.publicKey(), NodeState.REVOKED);
        assertEquals(Refusal.Kind.FORBIDDEN, refusal(proof(other, NOW.getEpochSecond(), body), body));
        byte[] bad = "{\"version\":\"1\"}".getBytes();
        assertEquals(Refusal.Kind.INVALID, refusal(proof(node, NOW.getEpochSecond(), bad), bad));
    }

    private Refusal.Kind refusal(RequestProof proof, byte[] body) {
        return assertThrows(Refusal.class, () -> reports.accept(proof, "POST", PATH, body)).kind();
    }

    private RequestProof proof(NodeProver prover, long timestamp, byte[] body) {
        return prover.prove(registryKey.publicKey(), "POST", PATH, timestamp, body);
    }

    private static byte[] body(long serial) {
        return HealthReportJson.write(new HealthReport("0.1.0", OptionalLong.of(serial), new HealthReport.LastPass("fresh", "applied", "", 0),
                60, List.of()));
    }

    private void insert(WgKey key, NodeState state) {
        store.transaction(tx -> {
            tx.nodes().insert(new Node(key, "n" + key.base64().substring(0, 4).replaceAll("[^A-Za-z0-9]", "x"), List.of(), state,
                    NOW, NOW, 0));
            return null;
        });
    }
}
