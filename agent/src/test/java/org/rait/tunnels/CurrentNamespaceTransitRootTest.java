package org.rait.tunnels;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.demo.Host;
import org.rait.testbed.Testbed;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * transit = "" (the seed's setting): sockets stay in the namespace rait runs in. Node 1 runs rait as a
 * separate process inside its transit namespace; its wireguard-go processes must survive that process.
 */
@Tag("root")
class CurrentNamespaceTransitRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    private Mesh mesh;

    @AfterEach
    void down() {
        if (mesh == null) return;
        Mesh.raitProcess(mesh.node(1), "down");
        Mesh.rait(mesh.node(2), "down");
    }

    @Test
    void tunnelsMadeWithTransitInTheCurrentNamespaceWorkAndOutliveTheRaitProcess() throws Exception {
        Testbed.requireRoot("wireguard-go", "ping");
        mesh = new Mesh(bed, 2);
        SimulatedNode first = mesh.node(1);
        SimulatedNode second = mesh.node(2);
        first.writeConfig(mesh.peers, "");

        Mesh.Run up = Mesh.raitProcess(first, "up");
        Mesh.Run other = Mesh.rait(second, "up");

        assertEquals(0, up.status(), up.out());
        assertTrue(up.out().contains("ok=2 changed=2 failed=0 removed=0"), up.out());
        assertEquals(0, other.status(), other.err());
        assertTrue(Mesh.ping(first, second, first.ip4Interface(second)).ok(), "ping after the rait process ended");
        assertTrue(Mesh.ping(second, first, second.ip6Interface(first)).ok());

        Mesh.Run again = Mesh.raitProcess(first, "up", "--debug");
        assertTrue(again.out().contains("ok=2 changed=0 failed=0 removed=0"), again.out());
        assertTrue(again.out().contains("event=writes count=0"), again.out());

        List<Long> pids = first.wireguardGoPids();
        Mesh.Run down = Mesh.raitProcess(first, "down");
        assertTrue(down.out().contains("removed=2"), down.out());
        for (long pid : pids) {
            assertTrue(Host.exited(pid), "wireguard-go " + pid);
        }
    }
}
