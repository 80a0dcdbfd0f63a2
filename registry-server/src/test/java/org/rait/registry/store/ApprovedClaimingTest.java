package org.rait.registry.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The send_port claim check reads only the approved nodes that {@link NodeTable#approvedClaiming} returns, a lookup
 * in the claims kept beside the nodes: every approved holder of a port in a family must be among them, wherever the
 * port sits in its endpoints and whatever the rest of the endpoint holds, after every insert, approval, revocation,
 * edit and deletion, and in a database made before the claims were kept; or a second node could be approved with a
 * port already claimed.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class ApprovedClaimingTest {
    /** The schema version the registry had before it kept send_port claims (Migrations' steps are only appended). */
    private static final int SCHEMA_BEFORE_CLAIMS = 4;

    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;
    RegistryStore store;
    int nextKey;

    @BeforeEach
    void open() {
        store = kind.open(dir);
    }

    @AfterEach
    void close() {
        // null when the PostgreSQL half was skipped
        if (store != null) store.close();
    }

    @Test
    void aPortOnTheLastEndpointIsFound() {
        WgKey holder = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP4, 50010, "192.0.2.1"),
                new Endpoint(AddressFamily.IP6, 50011, "2001:db8::1"), new Endpoint(AddressFamily.IP4, 50012, ""));

        assertEquals(Set.of(holder), claiming(AddressFamily.IP4, 50010));
        assertEquals(Set.of(holder), claiming(AddressFamily.IP6, 50011));
        assertEquals(Set.of(holder), claiming(AddressFamily.IP4, 50012));
    }

    @Test
    void aPortIsFoundWhateverTheAddressHolds() {
        WgKey empty = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP4, 1, ""));
        WgKey spaced = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP6, 65535, " \"send_port\": 2, \"x\" "));
        WgKey named = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP4, 3, "node.example.org"));

        assertEquals(Set.of(empty), claiming(AddressFamily.IP4, 1));
        assertEquals(Set.of(spaced), claiming(AddressFamily.IP6, 65535));
        assertEquals(Set.of(named), claiming(AddressFamily.IP4, 3));
        assertEquals(Set.of(), claiming(AddressFamily.IP6, 2), "the port written inside an address is no claim");
    }

    @Test
    void aPortThatIsAPrefixOrSuffixOfAnotherMatchesOnlyItself() {
        WgKey p5000 = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP4, 5000, "192.0.2.1"));
        WgKey p50001 = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP4, 50001, "192.0.2.2"));
        WgKey p15000 = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP6, 7, "2001:db8::7"),
                new Endpoint(AddressFamily.IP4, 15000, "192.0.2.3"));

        assertEquals(Set.of(p5000), claiming(AddressFamily.IP4, 5000));
        assertEquals(Set.of(p50001), claiming(AddressFamily.IP4, 50001));
        assertEquals(Set.of(p15000), claiming(AddressFamily.IP4, 15000));
        assertEquals(Set.of(), claiming(AddressFamily.IP4, 500));
        assertEquals(Set.of(), claiming(AddressFamily.IP4, 50));
    }

    @Test
    void onlyApprovedNodesAreClaimants() {
        WgKey approved = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP4, 51000, ""));
        add(NodeState.PENDING, new Endpoint(AddressFamily.IP4, 51000, ""));
        add(NodeState.REVOKED, new Endpoint(AddressFamily.IP4, 51000, ""));

        assertEquals(Set.of(approved), claiming(AddressFamily.IP4, 51000));
    }

    @Test
    void aPortIsClaimedInItsOwnFamilyOnly() {
        WgKey ip4 = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP4, 52000, ""));

        assertEquals(Set.of(ip4), claiming(AddressFamily.IP4, 52000));
        assertEquals(Set.of(), claiming(AddressFamily.IP6, 52000));
    }

    @Test
    void everyStoredEndpointIsFoundByItsOwnPort() {
        for (int i = 0; i < 40; i++) {
            int port = 1 + (i * 1637) % 65535;
            WgKey key = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP6, 60000 + i, "2001:db8::" + i),
                    new Endpoint(AddressFamily.IP4, port, i % 2 == 0 ? "" : "198.51.100." + i));
            assertTrue(claiming(AddressFamily.IP4, port).contains(key), "send_port " + port + " of node " + i);
            assertTrue(claiming(AddressFamily.IP6, 60000 + i).contains(key), "send_port " + (60000 + i) + " of node " + i);
        }
    }

    @Test
    void theClaimsFollowANodeThroughApprovalEditRevocationAndDeletion() {
        WgKey key = add(NodeState.PENDING, new Endpoint(AddressFamily.IP4, 53000, ""));
        Node pending = store.transaction(tx -> tx.nodes().find(key)).orElseThrow();
        assertEquals(Set.of(), claiming(AddressFamily.IP4, 53000), "pending");

        Node approved = pending.withState(NodeState.APPROVED, pending.updatedAt());
        update(approved);
        assertEquals(Set.of(key), claiming(AddressFamily.IP4, 53000), "approved");

        update(approved.withEntry(approved.name(), List.of(new Endpoint(AddressFamily.IP6, 53001, "")), approved.updatedAt()));
        assertEquals(Set.of(), claiming(AddressFamily.IP4, 53000), "the port it no longer has");
        assertEquals(Set.of(key), claiming(AddressFamily.IP6, 53001), "the port it has now");

        update(approved.withState(NodeState.REVOKED, approved.updatedAt()));
        assertEquals(Set.of(), claiming(AddressFamily.IP4, 53000), "revoked");
        assertEquals(Set.of(), claiming(AddressFamily.IP6, 53001), "revoked");

        update(approved);
        assertEquals(Set.of(key), claiming(AddressFamily.IP4, 53000), "approved again");
        assertEquals(true, store.transaction(tx -> tx.nodes().delete(key)));
        assertEquals(Set.of(), claiming(AddressFamily.IP4, 53000), "deleted");
    }

    @Test
    void aDatabaseMadeBeforeClaimsWereKeptHasTheClaimsOfItsApprovedNodesOnceOpened() throws Exception {
        Files.createDirectories(dir.resolve("old"));
        Database old = kind.database(dir.resolve("old"));
        try (Connection connection = old.connect()) {
            Migrations.apply(connection, old.dialect(), SCHEMA_BEFORE_CLAIMS);
            insertAsBefore(connection, 1, NodeState.APPROVED, new Endpoint(AddressFamily.IP4, 54000, "192.0.2.1"),
                    new Endpoint(AddressFamily.IP6, 54001, ""));
            insertAsBefore(connection, 2, NodeState.PENDING, new Endpoint(AddressFamily.IP4, 54002, ""));
            insertAsBefore(connection, 3, NodeState.REVOKED, new Endpoint(AddressFamily.IP4, 54003, ""));
            insertAsBefore(connection, 4, NodeState.APPROVED);
        }
        store.close();
        store = RegistryStore.open(old);

        assertEquals(Set.of(key(1)), claiming(AddressFamily.IP4, 54000));
        assertEquals(Set.of(key(1)), claiming(AddressFamily.IP6, 54001));
        assertEquals(Set.of(), claiming(AddressFamily.IP4, 54002), "pending");
        assertEquals(Set.of(), claiming(AddressFamily.IP4, 54003), "revoked");
        Node pending = store.transaction(tx -> tx.nodes().find(key(2))).orElseThrow();
        update(pending.withState(NodeState.APPROVED, pending.updatedAt()));
        assertEquals(Set.of(key(2)), claiming(AddressFamily.IP4, 54002), "approved after the migration");
    }

    /** A row as that version's NodeTable wrote it. */
    private static void insertAsBefore(Connection connection, int n, NodeState state, Endpoint... endpoints) throws Exception {
        try (PreparedStatement st = connection.prepareStatement("INSERT INTO nodes (public_key, name, endpoints, state, created_at, "
                + "updated_at, last_request_timestamp) VALUES (?, ?, ?, ?, 0, 0, 0)")) {
            st.setString(1, key(n).base64());
            st.setString(2, "old" + n);
            st.setString(3, EndpointsColumn.write(List.of(endpoints)));
            st.setString(4, state.word());
            st.executeUpdate();
        }
    }

    private static WgKey key(int n) {
        byte[] bytes = new byte[WgKey.LENGTH];
        bytes[1] = (byte) n;
        return WgKey.of(bytes);
    }

    private void update(Node node) {
        store.transaction(tx -> {
            tx.nodes().update(node);
            return null;
        });
    }

    private WgKey add(NodeState state, Endpoint... endpoints) {
        byte[] bytes = new byte[WgKey.LENGTH];
        bytes[0] = (byte) ++nextKey;
        WgKey key = WgKey.of(bytes);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        store.transaction(tx -> {
            tx.nodes().insert(new Node(key, "node" + nextKey, List.of(endpoints), state, now, now, 0));
            return null;
        });
        return key;
    }

    private Set<WgKey> claiming(AddressFamily family, int sendPort) {
        return store.transaction(tx -> tx.nodes().approvedClaiming(family, sendPort)).stream()
                .map(Node::publicKey).collect(Collectors.toSet());
    }
}
