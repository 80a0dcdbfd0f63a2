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
import org.rait.testbed.Testbed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two nodes: partial failure (a listen port already taken), recovery, `rait list`. In order. */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    private Mesh mesh;
    private Process portHolder;

    @BeforeAll
    void buildMesh() throws Exception {
        Testbed.requireRoot("wireguard-go", "wg", "ping", "python3");
        mesh = new Mesh(bed, 2);
    }

    @AfterAll
    void downEverywhere() {
        if (mesh == null) return;
        for (SimulatedNode node : mesh.nodes) Mesh.rait(node, "down");
    }

    @Test
    @Order(1)
    void anInterfaceThatCannotBeMadeDoesNotStopTheOthers() throws Exception {
        SimulatedNode node = mesh.node(1);
        SimulatedNode peer = mesh.node(2);
        int taken = peer.ip4SendPort();
        portHolder = bed.start(node.transit().exec(List.of("python3", "-c",
                "import socket,time\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\ns.bind(('0.0.0.0'," + taken + "))\ntime.sleep(600)")), null);
        awaitUdpPort(node, taken);

        Mesh.Run run = Mesh.rait(node, "up");

        assertEquals(1, run.status(), "exit status when something failed");
        assertTrue(run.out().contains("ok=1 changed=1 failed=1 removed=0"), run.out());
        assertTrue(run.err().contains("event=failed ifname=" + node.ip4Interface(peer)), run.err());
        assertTrue(run.err().contains("listen port " + taken + " is in use"), run.err());
        assertEquals(List.of(node.ip6Interface(peer)), node.managedLinks(), "the failed interface is not left half-made");
        assertEquals(1, node.wireguardGoPids().size());
    }

    @Test
    @Order(2)
    void theNextUpAfterTheCauseIsGoneMakesTheMissingInterface() throws Exception {
        portHolder.destroy();
        portHolder.waitFor();
        Mesh.Run first = Mesh.rait(mesh.node(1), "up");
        Mesh.Run second = Mesh.rait(mesh.node(2), "up");

        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().contains("ok=2 changed=1 failed=0 removed=0"), first.out());
        assertEquals(0, second.status(), second.err());
        for (SimulatedNode a : mesh.nodes) {
            SimulatedNode b = a == mesh.node(1) ? mesh.node(2) : mesh.node(1);
            assertTrue(Mesh.ping(a, b, a.ip4Interface(b)).ok(), "ip4 underlay node" + a.number());
            assertTrue(Mesh.ping(a, b, a.ip6Interface(b)).ok(), "ip6 underlay node" + a.number());
        }
    }

    @Test
    @Order(3)
    void listShowsEachManagedInterfaceOnOneLine() {
        SimulatedNode node = mesh.node(2);
        SimulatedNode peer = mesh.node(1);

        Mesh.Run run = Mesh.rait(node, "list");

        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith(node.ip4Interface(peer) + " up=true mtu=1420 listen_port=" + peer.ip4SendPort()
                + " fwmark=54 peer=" + peer.publicKey() + " endpoint=" + peer.ip4() + ":" + node.ip4SendPort()), lines.get(0));
        assertTrue(lines.get(1).startsWith(node.ip6Interface(peer) + " up=true mtu=1400"), lines.get(1));
    }

    @Test
    @Order(4)
    void aWireguardGoOfOursWithoutAManagedInterfaceIsEndedByTheNextUp() throws Exception {
        SimulatedNode node = mesh.node(2);
        Path sockets = node.socketDirectory();
        // What a rait stopped between starting wireguard-go and moving its TUN leaves behind.
        Process stray = bed.start(node.transit().exec(List.of("sh", "-c",
                "mount --bind '" + sockets + "' /run/wireguard && exec wireguard-go -f r4x50077")), null);
        Files.writeString(sockets.resolve("r4x50077.pid"), stray.pid() + "\n");
        for (int i = 0; i < 100 && !Files.exists(sockets.resolve("r4x50077.sock")); i++) Thread.sleep(50);

        Mesh.Run run = Mesh.rait(node, "up");

        assertTrue(run.err().contains("event=stray_removed ifname=r4x50077"), run.err());
        assertTrue(run.out().contains("ok=2 changed=0 failed=0 removed=0"), run.out());
        assertTrue(stray.waitFor(5, TimeUnit.SECONDS), "the stray wireguard-go ended");
        assertFalse(Files.exists(sockets.resolve("r4x50077.pid")));
    }

    @Test
    @Order(5)
    void downThenDownAgainFindsNothingLeft() {
        SimulatedNode node = mesh.node(1);

        Mesh.Run first = Mesh.rait(node, "down");
        Mesh.Run second = Mesh.rait(node, "down");

        assertTrue(first.out().contains("removed=2"), first.out());
        assertTrue(second.out().contains("ok=0 changed=0 failed=0 removed=0"), second.out());
        assertEquals(List.of(), node.managedLinks());
        assertFalse(node.allLinks().stream().anyMatch(l -> l.startsWith("r4x") || l.startsWith("r6x")), node.allLinks().toString());
    }

    private static void awaitUdpPort(SimulatedNode node, int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (node.transit().trySh("ss -Hunl 'sport = :" + port + "'").output().contains(":" + port)) return;
            Thread.sleep(50);
        }
        throw new AssertionError("the port holder did not bind " + port);
    }
}
