package org.rait.tunnels;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.testbed.KernelFeatures;
import org.rait.testbed.Testbed;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MeshRootTest's scenario on kernel WireGuard (VM only): three nodes, each with a transit and a target
 * namespace, `rait up` with backend = "kernel". Devices are made in transit (where their sockets stay)
 * and moved to target. The steps build on each other, in order.
 */
@Tag("vm")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelMeshVmTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    private Mesh mesh;

    @BeforeAll
    void buildMesh() throws Exception {
        KernelFeatures.requireLinkKinds("wireguard");
        Testbed.requireRoot("wg", "ping", "ss");
        mesh = new Mesh(bed, 3);
        for (SimulatedNode node : mesh.nodes) {
            node.writeConfig(mesh.peers, "kernel",
                    List.of("transit = \"" + node.transit().name() + "\"", "target = \"" + node.target() + "\""));
        }
        mesh.upEverywhere();
    }

    @AfterAll
    void downEverywhere() {
        if (mesh == null) return;
        for (SimulatedNode node : mesh.nodes) Mesh.rait(node, "down");
    }

    @Test
    @Order(1)
    void everyTunnelIsAKernelWireGuardDeviceWithTheTransportsMtuInTheManagedGroup() {
        for (SimulatedNode node : mesh.nodes) {
            for (SimulatedNode peer : others(node)) {
                for (String ifname : List.of(node.ip4Interface(peer), node.ip6Interface(peer))) {
                    String link = node.inTarget("ip -d -o link show " + ifname).output();
                    assertTrue(link.contains(" wireguard "), "kernel device: " + link);
                    assertTrue(link.contains(" group " + SimulatedNode.IFGROUP + " "), "managed group: " + link);
                    assertTrue(link.contains(" state UNKNOWN ") || link.contains(",UP,"), "up: " + link);
                    int mtu = ifname.startsWith("r4x") ? 1420 : 1400;
                    assertTrue(link.contains(" mtu " + mtu + " "), "mtu " + mtu + ": " + link);
                }
            }
        }
    }

    @Test
    @Order(2)
    void wgInTheTargetShowsListenPortsEndpointsAndFwmarkAndTheSocketsListenInTransit() {
        mesh.assertWgShowsListenPortsEndpointsAndFwmark(node -> SimulatedNode.parseDump(node.inTarget("wg show all dump").output()));
        for (SimulatedNode node : mesh.nodes) {
            String sockets = node.transit().sh("ss -uln");
            for (SimulatedNode peer : others(node)) {
                assertTrue(sockets.contains(":" + peer.ip4SendPort() + " "), "socket in transit:\n" + sockets);
            }
        }
    }

    @Test
    @Order(3)
    void ping6OverEveryTunnelsLinkLocalAddressWorksBothWays() {
        List<String> failures = mesh.pingFailuresOverEveryTunnel();

        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    @Order(4)
    void secondUpWithNothingChangedWritesNothing() {
        mesh.assertSecondUpChangesNothing();
    }

    @Test
    @Order(5)
    void removingAPeerFromPeersConfRemovesExactlyItsInterfaces() throws Exception {
        mesh.assertRemovingAPeerRemovesExactlyItsInterfaces();
    }

    @Test
    @Order(6)
    void downRemovesEveryManagedDeviceAndLeavesNoSocketBehind() {
        SimulatedNode node = mesh.node(2);

        Mesh.Run run = Mesh.rait(node, "down");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("removed=4"), run.out());
        assertEquals(List.of(), node.managedLinks());
        assertEquals("", node.inTarget("wg show interfaces").output().strip());
        String sockets = node.transit().sh("ss -uln");
        for (SimulatedNode peer : others(node)) {
            assertTrue(!sockets.contains(":" + peer.ip4SendPort() + " "), "no socket left in transit:\n" + sockets);
        }
    }

    private List<SimulatedNode> others(SimulatedNode node) {
        return mesh.nodes.stream().filter(n -> n != node).toList();
    }
}
