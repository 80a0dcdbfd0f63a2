package org.rait.tunnels;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.demo.Host;
import org.rait.plan.LinkLocalAddress;
import org.rait.testbed.KernelFeatures;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * VRF isolation (VM only): three nodes, each rait running as its own process in the node's namespace
 * with isolation type "vrf", target "rait", vrf_table 54; nodes 1 and 2 use kernel WireGuard, node 3
 * wireguard-go, whose TUNs are enslaved the same way. The tunnels stay in the node's namespace,
 * enslaved to the VRF; their sockets use the default VRF. The steps build on each other.
 * Every rait run is a JVM start under emulation, so the scenario makes as few as it can: the tunnels go
 * with the node namespaces at the end, without a `rait down` per node.
 */
@Tag("vm")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VrfMeshVmTest {
    private static final String VRF = "rait";
    private static final int VRF_TABLE = 54;

    @RegisterExtension
    static final Testbed bed = new Testbed();

    private Mesh mesh;
    private SimulatedNode one;
    private SimulatedNode two;
    private SimulatedNode three;
    private Mesh.Run checkBeforeFirstUp;
    private String linksAfterCheck;

    @BeforeAll
    void buildMesh() throws Exception {
        KernelFeatures.requireLinkKinds("wireguard", "vrf");
        Testbed.requireRoot("wg", "ping", "nsenter", "wireguard-go");
        mesh = new Mesh(bed, 3);
        one = mesh.node(1);
        two = mesh.node(2);
        three = mesh.node(3);
        for (SimulatedNode node : mesh.nodes) {
            node.writeConfig(mesh.peers, node == three ? "userspace" : "kernel",
                    List.of("type = \"vrf\"", "transit = \"\"", "target = \"" + VRF + "\"", "vrf_table = " + VRF_TABLE));
        }
        checkBeforeFirstUp = Mesh.raitProcess(one, "up", "--check");
        linksAfterCheck = one.transit().sh("ip -o link show");
        for (SimulatedNode node : mesh.nodes) {
            Mesh.Run run = Mesh.raitProcess(node, "up");
            assertEquals(0, run.status(), "rait up on node " + node.number() + ":\n" + run.out());
        }
    }

    @Test
    @Order(0)
    void upCheckBeforeTheFirstUpPlansEveryTunnelAndCreatesNothingNotEvenTheVrf() {
        assertEquals(0, checkBeforeFirstUp.status(), checkBeforeFirstUp.out());
        assertTrue(checkBeforeFirstUp.out().contains("create " + one.ip4Interface(two)), checkBeforeFirstUp.out());
        assertFalse(linksAfterCheck.contains(": " + VRF + ":"), linksAfterCheck);
        assertFalse(linksAfterCheck.contains(": r4x") || linksAfterCheck.contains(": r6x"), linksAfterCheck);
    }

    @Test
    @Order(1)
    void everyTunnelIsEnslavedToTheVrfThatRaitCreatedWithItsTable() {
        for (SimulatedNode node : mesh.nodes) {
            Netns ns = node.transit();
            assertTrue(ns.sh("ip -d link show " + VRF).contains("vrf table " + VRF_TABLE), "VRF of node " + node.number());
            for (SimulatedNode peer : others(node)) {
                for (String ifname : List.of(node.ip4Interface(peer), node.ip6Interface(peer))) {
                    String link = ns.sh("ip -d -o link show " + ifname);
                    assertTrue(link.contains(" master " + VRF + " "), "enslaved: " + link);
                    assertTrue(link.contains(node == three ? " tun " : " wireguard "), "device kind: " + link);
                    assertTrue(link.contains(" group " + SimulatedNode.IFGROUP + " "), "managed group: " + link);
                }
            }
            assertEquals(4, managedLinks(ns).size(), managedLinks(ns).toString());
        }
    }

    @Test
    @Order(2)
    void wgShowsTheListenPortsEndpointsAndFwmarkTheSemanticsGive() {
        String dumpOne = one.transit().sh("wg show " + one.ip4Interface(two) + " dump");
        String[] device = dumpOne.lines().findFirst().orElseThrow().split("\t");
        assertEquals(String.valueOf(two.ip4SendPort()), device[2]);
        assertEquals("0x36", device[3]);
        assertTrue(dumpOne.contains(two.publicKey().base64() + "\t(none)\t" + two.ip4() + ":" + one.ip4SendPort() + "\t"), dumpOne);
    }

    @Test
    @Order(3)
    void trafficOverATunnelReachesThePeerOnlyThroughTheVrf() {
        for (SimulatedNode peer : others(one)) {
            // a routable address on each end, as a routing daemon would add: its route lands in the VRF's table
            String subnet = "fd00:54:1" + peer.number() + "::";
            one.transit().sh("ip addr add " + subnet + "1/64 dev " + one.ip4Interface(peer) + " nodad");
            peer.transit().sh("ip addr add " + subnet + "2/64 dev " + peer.ip4Interface(one) + " nodad");

            assertTrue(retry(one.transit(), "ping -6 -c1 -W1 -I " + VRF + " " + subnet + "2").ok(),
                    "ping node" + peer.number() + " through the VRF");
            assertFalse(one.transit().trySh("ping -6 -c1 -W1 " + subnet + "2").ok(), "the main table has no route to the peer");
            assertTrue(one.transit().sh("ip -6 route show table " + VRF_TABLE).contains(subnet + "/64"));
            assertFalse(one.transit().sh("ip -6 route show table main").contains(subnet + "/64"));
        }
    }

    @Test
    @Order(4)
    void ping6OverEveryTunnelsLinkLocalAddressWorksBothWays() {
        List<String> failures = new ArrayList<>();
        for (SimulatedNode a : mesh.nodes) {
            for (SimulatedNode b : others(a)) {
                String address = LinkLocalAddress.of(b.publicKey(), a.publicKey()).getHostAddress();
                for (String ifname : List.of(a.ip4Interface(b), a.ip6Interface(b))) {
                    Host.Result r = retry(a.transit(), "ping -6 -c1 -W1 " + address + "%" + ifname);
                    if (!r.ok()) failures.add("node" + a.number() + " -> node" + b.number() + " over " + ifname + ": " + r.output());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    @Order(5)
    void secondUpWritesNothingAndLeavesInterfacesOutsideTheGroupAloneEvenInsideTheVrf() {
        Netns ns = one.transit();
        ns.sh("ip link add r4x59999 type wireguard && ip link add other0 type wireguard && ip link set other0 master " + VRF);

        Mesh.Run run = Mesh.raitProcess(one, "up", "--debug");

        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().contains("ok=4 changed=0 failed=0 removed=0"), run.out());
        assertTrue(run.out().contains("event=writes count=0"), run.out());
        assertFalse(ns.sh("ip -o link show r4x59999").contains(" master "), "same prefix, other group: left alone");
        assertTrue(ns.sh("ip -o link show other0").contains(" master " + VRF + " "), "in the VRF, other group: left alone");
    }

    @Test
    @Order(6)
    void aTunnelReleasedFromTheVrfByHandIsEnslavedAgainByTheNextUp() {
        Netns ns = one.transit();
        String tunnel = managedLinks(ns).get(0);
        ns.sh("ip link set " + tunnel + " nomaster");

        Mesh.Run run = Mesh.raitProcess(one, "up", "--diff");

        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().contains("master: none -> " + VRF), run.out());
        assertTrue(run.out().contains("ok=4 changed=1 failed=0 removed=0"), run.out());
        assertTrue(ns.sh("ip -o link show " + tunnel).contains(" master " + VRF + " "), "enslaved again");
    }

    @Test
    @Order(7)
    void downRemovesTheTunnelsAndLeavesTheVrfAndForeignInterfaces() {
        Netns ns = one.transit();

        Mesh.Run run = Mesh.raitProcess(one, "down");

        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().contains("removed=4"), run.out());
        assertEquals(List.of(), managedLinks(ns));
        assertTrue(ns.trySh("ip link show " + VRF).ok(), "the VRF stays, like a target namespace does");
        assertTrue(ns.trySh("ip link show other0").ok() && ns.trySh("ip link show r4x59999").ok());
    }

    private List<SimulatedNode> others(SimulatedNode node) {
        return mesh.nodes.stream().filter(n -> n != node).toList();
    }

    private static List<String> managedLinks(Netns ns) {
        List<String> names = new ArrayList<>();
        for (String line : ns.sh("ip -o link show group " + SimulatedNode.IFGROUP).split("\n")) {
            if (!line.isBlank()) names.add(line.split(":")[1].trim());
        }
        return names;
    }

    /** The first packet waits for the WireGuard handshake. */
    private static Host.Result retry(Netns ns, String command) {
        Host.Result last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            last = ns.trySh(command);
            if (last.ok()) return last;
        }
        return last;
    }
}
