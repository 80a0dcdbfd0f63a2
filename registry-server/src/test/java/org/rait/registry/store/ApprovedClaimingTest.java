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

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The send_port claim check reads only the approved nodes that {@link NodeTable#approvedClaiming} returns, a text
 * match on the stored endpoints column: every approved holder of a port must be among them, wherever the port
 * sits in the array and whatever the rest of the endpoint holds, or a second node could be approved with a port
 * already claimed. These tests fail if the column's format stops matching the pre-filter.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class ApprovedClaimingTest {
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

        for (int port : List.of(50010, 50011, 50012)) {
            assertEquals(Set.of(holder), claiming(port), "send_port " + port);
        }
    }

    @Test
    void aPortIsFoundWhateverTheAddressHolds() {
        WgKey empty = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP4, 1, ""));
        WgKey spaced = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP6, 65535, " \"send_port\": 2, \"x\" "));
        WgKey named = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP4, 3, "node.example.org"));

        assertEquals(Set.of(empty), claiming(1));
        assertEquals(Set.of(spaced), claiming(65535));
        assertEquals(Set.of(named), claiming(3));
    }

    @Test
    void aPortThatIsAPrefixOrSuffixOfAnotherMatchesOnlyItself() {
        WgKey p5000 = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP4, 5000, "192.0.2.1"));
        WgKey p50001 = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP4, 50001, "192.0.2.2"));
        WgKey p15000 = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP6, 7, "2001:db8::7"),
                new Endpoint(AddressFamily.IP4, 15000, "192.0.2.3"));

        assertEquals(Set.of(p5000), claiming(5000));
        assertEquals(Set.of(p50001), claiming(50001));
        assertEquals(Set.of(p15000), claiming(15000));
        assertEquals(Set.of(), claiming(500));
        assertEquals(Set.of(), claiming(50));
    }

    @Test
    void onlyApprovedNodesAreClaimants() {
        WgKey approved = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP4, 51000, ""));
        add(NodeState.PENDING, new Endpoint(AddressFamily.IP4, 51000, ""));
        add(NodeState.REVOKED, new Endpoint(AddressFamily.IP4, 51000, ""));

        assertEquals(Set.of(approved), claiming(51000));
    }

    @Test
    void everyStoredEndpointIsFoundByItsOwnPort() {
        for (int i = 0; i < 40; i++) {
            int port = 1 + (i * 1637) % 65535;
            WgKey key = add(NodeState.APPROVED, new Endpoint(AddressFamily.IP6, 60000 + i, "2001:db8::" + i),
                    new Endpoint(AddressFamily.IP4, port, i % 2 == 0 ? "" : "198.51.100." + i));
            assertTrue(claiming(port).contains(key), "send_port " + port + " of node " + i);
            assertTrue(claiming(60000 + i).contains(key), "send_port " + (60000 + i) + " of node " + i);
        }
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

    private Set<WgKey> claiming(int sendPort) {
        return store.transaction(tx -> tx.nodes().approvedClaiming(sendPort)).stream()
                .map(Node::publicKey).collect(Collectors.toSet());
    }
}
