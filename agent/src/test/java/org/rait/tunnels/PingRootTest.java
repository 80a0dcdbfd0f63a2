package org.rait.tunnels;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.configfile.ConfigFiles;
import org.rait.metrics.AgentMetrics;
import org.rait.peers.PeerList;
import org.rait.log.EventLog;
import org.rait.status.TunnelWatch;
import org.rait.testbed.Testbed;
import org.rait.testing.Promtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three nodes in peers.conf, only nodes 1 and 2 up: node 1 has a tunnel to node 3 with nobody at the other end.
 * `rait ping` from node 1 reaches node 2 and not node 3; the agent's metrics name node 2 in its peer series.
 */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PingRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    private Mesh mesh;

    @BeforeAll
    void upOnTwoOfThree() throws Exception {
        Testbed.requireRoot("wireguard-go", "wg", "ping", "nsenter");
        mesh = new Mesh(bed, 3);
        for (int n = 1; n <= 2; n++) {
            Mesh.Run run = Mesh.rait(mesh.node(n), "up");
            assertEquals(0, run.status(), run.toString());
        }
        // the first packets wait for the handshake and for DAD on the fresh addresses
        for (SimulatedNode peer : new SimulatedNode[] {mesh.node(2)}) {
            SimulatedNode node1 = mesh.node(1);
            assertTrue(Mesh.ping(node1, peer, node1.ip4Interface(peer)).ok() && Mesh.ping(node1, peer, node1.ip6Interface(peer)).ok());
        }
    }

    @AfterAll
    void down() {
        if (mesh == null) return;
        for (int n = 1; n <= 2; n++) Mesh.rait(mesh.node(n), "down");
    }

    @Test
    void aPeerThatIsUpAnswersOnItsLinkLocalAddressOverBothTunnelsByName() {
        SimulatedNode node1 = mesh.node(1);
        Mesh.Run run = Mesh.rait(node1, "ping", "node2");

        assertEquals(0, run.status(), run.toString());
        for (String ifname : new String[] {node1.ip4Interface(mesh.node(2)), node1.ip6Interface(mesh.node(2))}) {
            String line = run.out().lines().filter(l -> l.startsWith("link-local ") && l.contains(" interface=" + ifname + " "))
                    .findFirst().orElseThrow(() -> new AssertionError("no line for " + ifname + " in\n" + run.out()));
            assertTrue(line.contains(" reached received=") && line.contains(" rtt=") && !line.contains("handshake=never"), line);
        }
    }

    @Test
    void aPeerWithNobodyAtTheOtherEndIsUnreachableAndThePingFailsByKeyToo() {
        Mesh.Run run = Mesh.rait(mesh.node(1), "ping", "--count", "1", mesh.node(3).publicKey().base64());

        assertEquals(1, run.status(), run.toString());
        assertTrue(run.out().contains("unreachable received=0/1"), run.out());
        assertTrue(!run.out().contains(" reached "), run.out());
    }

    @Test
    void anUnknownPeerIsAUsageError() {
        Mesh.Run run = Mesh.rait(mesh.node(1), "ping", "nobody");

        assertEquals(2, run.status(), run.toString());
        assertTrue(run.err().contains("no peer named or keyed 'nobody'"), run.err());
    }

    @Test
    void theAgentsMetricsCarryAHandshakeSeriesLabelledWithThePeersName() throws Exception {
        SimulatedNode node1 = mesh.node(1);
        assertEquals(0, Mesh.rait(node1, "ping", "--count", "1", "node2").status());
        PeerList peers = ConfigFiles.readPeers(mesh.peers.toString());
        AgentMetrics metrics = new AgentMetrics().withPeers(TunnelWatch.of(ConfigFiles.readRaitConfig(node1.config().toString()),
                () -> peers, EventLog.quiet()));

        String body = metrics.render();

        String series = "rait_peer_handshake_age_seconds{interface=\"" + node1.ip4Interface(mesh.node(2)) + "\",peer=\"node2\"} ";
        assertTrue(body.contains(series), "no '" + series + "' in\n" + body);
        assertTrue(body.contains("rait_peer_last_handshake_timestamp_seconds{interface=\"" + node1.ip4Interface(mesh.node(3))
                + "\",peer=\"node3\"} 0.0\n"), body);
        assertEquals("", Promtool.check(body));
    }
}
