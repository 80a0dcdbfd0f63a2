package org.rait.tunnels;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.rait.demo.Host;
import org.rait.testbed.Testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several rait instances on one host, as an operator would run them: the README's rait.conf shape (seed
 * syntax, configs that differ only in keys, ports, ifprefixes and namespaces), every one on the default
 * runtime_dir. No instance ever removes or ends another's tunnels. The steps build on each other, in order;
 * subclasses choose the number of nodes and the backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class InstancesOnOneHost {
    Mesh mesh;

    /** The nodes, all on the default runtime_dir. */
    abstract Mesh newMesh() throws IOException;

    /** "userspace" or "kernel". */
    abstract String backend();

    /** Skips, with the reason printed, where the backend or a tool is missing. */
    abstract void requireTools();

    @BeforeAll
    void buildMesh() throws Exception {
        requireTools();
        mesh = newMesh();
        for (SimulatedNode node : mesh.nodes) {
            node.writeConfig(mesh.peers, backend(),
                    List.of("transit = \"" + node.transit().name() + "\"", "target = \"" + node.target() + "\""));
        }
    }

    @AfterAll
    void downEverywhere() {
        if (mesh == null) return;
        for (SimulatedNode node : mesh.nodes) Mesh.rait(node, "down");
    }

    @Test
    @Order(1)
    void everyNodeKeepsAllItsTunnelsAfterEveryOtherNodesUp() throws Exception {
        Map<SimulatedNode, List<Long>> pids = new HashMap<>();
        for (SimulatedNode node : mesh.nodes) {
            Mesh.Run up = Mesh.rait(node, "up");

            assertEquals(0, up.status(), up.err());
            assertFalse(up.err().contains("stray_removed"), up.err());
            pids.put(node, node.wireguardGoPids());
            if (backend().equals("userspace")) assertEquals(expectedTunnels(node).size(), pids.get(node).size(), "wireguard-go processes");
            for (SimulatedNode earlier : mesh.nodes.subList(0, node.number())) {
                assertEquals(expectedTunnels(earlier), earlier.managedLinks().stream().sorted().toList(),
                        "node " + earlier.number() + " after node " + node.number() + "'s up");
                assertEquals(pids.get(earlier), earlier.wireguardGoPids(), "node " + earlier.number() + "'s wireguard-go");
                for (long pid : pids.get(earlier)) assertFalse(Host.exited(pid), "wireguard-go " + pid + " ended");
            }
        }
    }

    @Test
    @Order(2)
    void ping6OverEveryTunnelWorksBothWays() {
        List<String> failures = mesh.pingFailuresOverEveryTunnel();

        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    @Order(3)
    void wgShowsListenPortsEndpointsAndFwmarkOnEveryNode() {
        mesh.assertWgShowsListenPortsEndpointsAndFwmark(backend().equals("kernel")
                ? node -> SimulatedNode.parseDump(node.inTarget("wg show all dump").output())
                : SimulatedNode::wgDump);
    }

    @Test
    @Order(5)
    void secondUpEverywhereChangesNothing() {
        mesh.assertSecondUpChangesNothing();
    }

    @Test
    @Order(6)
    void downOfOneNodeLeavesTheOthersTunnelsAndProcesses() throws Exception {
        SimulatedNode leaving = mesh.node(2);
        Map<SimulatedNode, List<Long>> pids = new HashMap<>();
        for (SimulatedNode node : mesh.nodes) pids.put(node, node.wireguardGoPids());

        Mesh.Run down = Mesh.rait(leaving, "down");

        assertEquals(0, down.status(), down.err());
        assertTrue(down.out().contains("removed=" + expectedTunnels(leaving).size()), down.out());
        assertEquals(List.of(), leaving.managedLinks());
        assertFalse(Files.exists(leaving.socketDirectory()), "nothing of node 2's left in the runtime directory");
        List<SimulatedNode> staying = mesh.nodes.stream().filter(n -> n != leaving).toList();
        for (SimulatedNode node : staying) {
            assertEquals(expectedTunnels(node), node.managedLinks().stream().sorted().toList(), "node " + node.number());
            assertEquals(pids.get(node), node.wireguardGoPids(), "node " + node.number() + "'s wireguard-go");
            Mesh.Run up = Mesh.rait(node, "up");
            assertTrue(up.out().contains("changed=0 failed=0 removed=0"), "node " + node.number() + ":\n" + up.out());
        }
        for (SimulatedNode a : staying) {
            for (SimulatedNode b : staying) {
                if (a != b) assertTrue(Mesh.ping(a, b, a.ip4Interface(b)).ok(), "node" + a.number() + " -> node" + b.number());
            }
        }
    }

    @Test
    @Order(7)
    void downEverywhereLeavesNothingInTheRuntimeDirectory() {
        for (SimulatedNode node : mesh.nodes) {
            Mesh.Run down = Mesh.rait(node, "down");

            assertEquals(0, down.status(), down.err());
            assertEquals(List.of(), node.managedLinks());
            assertFalse(Files.exists(node.socketDirectory().getParent()), node.socketDirectory().getParent() + " is left");
        }
    }

    /** The node's interfaces for every other node, two each, sorted. */
    List<String> expectedTunnels(SimulatedNode node) {
        List<String> expected = new ArrayList<>();
        for (SimulatedNode peer : mesh.nodes) {
            if (peer == node) continue;
            expected.add(node.ip4Interface(peer));
            expected.add(node.ip6Interface(peer));
        }
        return expected.stream().sorted().toList();
    }
}
