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
import org.rait.demo.Host;
import org.rait.testbed.Testbed;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three nodes, each with its own transit and target namespace, run `rait up` from their own rait.conf
 * against one peers.conf, with real wireguard-go. The steps build on each other, in order.
 */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MeshRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    private Mesh mesh;

    @BeforeAll
    void buildMesh() throws Exception {
        Testbed.requireRoot("wireguard-go", "wg", "ping");
        mesh = new Mesh(bed, 3);
        mesh.upEverywhere();
    }

    @AfterAll
    void downEverywhere() {
        if (mesh == null) return;
        for (SimulatedNode node : mesh.nodes) Mesh.rait(node, "down");
    }

    @Test
    @Order(1)
    void everyNodeHasOneInterfacePerPeerAndFamilyInTheManagedGroup() {
        for (SimulatedNode node : mesh.nodes) {
            List<String> expected = new ArrayList<>();
            for (SimulatedNode peer : mesh.nodes) {
                if (peer == node) continue;
                expected.add(node.ip4Interface(peer));
                expected.add(node.ip6Interface(peer));
            }
            assertEquals(expected.stream().sorted().toList(), node.managedLinks().stream().sorted().toList(),
                    "node " + node.number());
        }
    }

    @Test
    @Order(2)
    void wgShowsListenPortsEndpointsAndFwmarkTheSemanticsGive() {
        mesh.assertWgShowsListenPortsEndpointsAndFwmark(SimulatedNode::wgDump);
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
    void anInterfaceOutsideTheGroupWithTheSamePrefixIsLeftAlone() {
        SimulatedNode node = mesh.node(1);
        node.inTarget("ip tuntap add r4x59999 mode tun");

        Mesh.Run run = Mesh.rait(node, "up");

        assertEquals(0, run.status());
        assertTrue(run.out().contains("removed=0"), run.out());
        assertTrue(node.allLinks().contains("r4x59999"), node.allLinks().toString());
    }

    @Test
    @Order(6)
    void aTunInTheGroupThatNoWireguardGoOfOursBacksIsLeftAloneByUpAndDown() {
        SimulatedNode node = mesh.node(3);
        node.inTarget("ip tuntap add r4x59998 mode tun && ip link set r4x59998 group " + SimulatedNode.IFGROUP);

        Mesh.Run up = Mesh.rait(node, "up");
        Mesh.Run down = Mesh.rait(node, "down");

        assertTrue(up.out().contains("ok=4 changed=0 failed=0 removed=0"), up.out());
        assertTrue(down.out().contains("ok=0 changed=0 failed=0 removed=4"), down.out());
        assertEquals(List.of("r4x59998"), node.managedLinks());
        assertTrue(Mesh.rait(node, "up").out().contains("changed=4"), "node 3 back up for the next steps");
    }

    @Test
    @Order(7)
    void anInterfaceDeletedByHandIsRecreatedByTheNextUp() {
        SimulatedNode node = mesh.node(1);
        SimulatedNode peer = mesh.node(2);
        String ifname = node.ip4Interface(peer);
        assertTrue(node.inTarget("ip link del " + ifname).ok());

        Mesh.Run run = Mesh.rait(node, "up");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("changed=1"), run.out());
        assertTrue(node.managedLinks().contains(ifname));
        assertTrue(Mesh.ping(node, peer, ifname).ok(), "ping over the recreated " + ifname);
    }

    @Test
    @Order(8)
    void aDriftedMtuIsPutBackAndOnlyThatIsShownByDiff() {
        SimulatedNode node = mesh.node(2);
        String ifname = node.ip6Interface(mesh.node(1));
        assertTrue(node.inTarget("ip link set " + ifname + " mtu 1300").ok());

        Mesh.Run run = Mesh.rait(node, "up", "--diff");

        assertTrue(run.out().contains("update " + ifname + "\n  mtu: 1300 -> 1400"), run.out());
        assertTrue(run.out().contains("changed=1"), run.out());
        assertTrue(node.inTarget("ip link show " + ifname).output().contains("mtu 1400"));
    }

    @Test
    @Order(9)
    void removingAPeerFromPeersConfRemovesExactlyItsInterfaces() throws Exception {
        mesh.assertRemovingAPeerRemovesExactlyItsInterfaces();
    }

    @Test
    @Order(10)
    void downRemovesEverythingManagedAndEndsTheWireguardGoProcesses() throws Exception {
        SimulatedNode node = mesh.node(2);
        List<Long> pids = node.wireguardGoPids();
        assertEquals(4, pids.size(), pids.toString());

        Mesh.Run run = Mesh.rait(node, "down");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("removed=4"), run.out());
        assertEquals(List.of(), node.managedLinks());
        for (long pid : pids) {
            assertTrue(Host.exited(pid), "wireguard-go " + pid + " still runs");
        }
        assertEquals(List.of(), node.wireguardGoPids());
    }

    @Test
    @Order(11)
    void aLinkOfAnotherKindInTheGroupUnderAWantedNameIsReplacedByTheTunnel() {
        SimulatedNode node = mesh.node(1);
        SimulatedNode peer = mesh.node(3);
        String ifname = node.ip4Interface(peer);
        assertEquals(0, Mesh.rait(node, "up").status(), "node 1 as peers.conf says after the removal step");
        node.inTarget("ip link del " + ifname + " && ip link add " + ifname + " type veth peer name nsk1"
                + " && ip link set " + ifname + " group " + SimulatedNode.IFGROUP);

        Mesh.Run run = Mesh.rait(node, "up");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().contains("event=recreated ifname=" + ifname
                + " reason=\"already exists but is of wrong type (veth)\""), run.err());
        assertTrue(run.out().contains("ok=4 changed=1 failed=0 removed=0"), run.out());
        assertTrue(node.inTarget("ip -d link show " + ifname).output().contains(" tun "), "a TUN now");
        assertFalse(node.allLinks().contains("nsk1"), node.allLinks().toString());
        assertTrue(Mesh.ping(node, peer, ifname).ok(), "ping over the tunnel that replaced the veth");
    }

    @Test
    @Order(12)
    void aNamesakeOutsideTheGroupIsLeftAloneAndReportedOnceARun() throws Exception {
        SimulatedNode node = mesh.node(1);
        String ifname = node.ip6Interface(mesh.node(3));
        node.inTarget("ip link del " + ifname + " && ip link add " + ifname + " type veth peer name nsk2");
        node.awaitWireguardGoEnded(ifname);

        Mesh.Run run = Mesh.rait(node, "up");

        assertEquals(0, run.status(), run.err());
        List<String> mentions = run.err().lines().filter(l -> l.contains(ifname)).toList();
        assertEquals(1, mentions.size(), run.err());
        assertTrue(mentions.get(0).endsWith("event=skip ifname=" + ifname + " peer=" + mesh.node(3).publicKey()
                + " reason=\"a veth link outside ifgroup 54 has this name; not rait's, left alone\""), mentions.get(0));
        assertTrue(run.out().contains("ok=3 changed=0 failed=0 removed=0"), run.out());
        assertTrue(node.inTarget("ip -d link show " + ifname).output().contains("veth"), "still the veth");
        assertTrue(node.allLinks().contains("nsk2"), node.allLinks().toString());

        node.inTarget("ip link del " + ifname);
        assertTrue(Mesh.rait(node, "up").out().contains("ok=4 changed=1"), "the tunnel once the name is free");
    }
}
