package org.rait.tunnels;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.demo.Host;
import org.rait.keys.X25519;
import org.rait.testbed.Testbed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash recovery on a host that runs two instances on the default runtime_dir: node 1's `rait up`
 * (a JVM of its own) is killed with SIGKILL in the middle of making its tunnels. The next `up` finishes
 * the job with no process left over, `down` leaves nothing, and node 2 notices none of it.
 */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KilledUpRecoversRootTest {
    /** Peers without an address that only node 1 lists: enough tunnels to be killed in the middle of. */
    private static final int EXTRA_PEERS = 30;

    @RegisterExtension
    static final Testbed bed = new Testbed();

    private Mesh mesh;

    @AfterAll
    void downEverywhere() {
        if (mesh == null) return;
        for (SimulatedNode node : mesh.nodes) Mesh.rait(node, "down");
    }

    @Test
    void anUpKilledMidApplyIsCompletedByTheNextUpAndTheOtherInstanceKeepsItsTunnels() throws Exception {
        Testbed.requireRoot("wireguard-go", "ping", "nsenter");
        mesh = Mesh.onTheDefaultRuntimeDir(bed, 2);
        mesh.upEverywhere();
        SimulatedNode node = mesh.node(1);
        SimulatedNode other = mesh.node(2);
        List<Long> otherPids = other.wireguardGoPids();
        node.writeConfig(withExtraPeers(), "userspace",
                List.of("transit = \"" + node.transit().name() + "\"", "target = \"" + node.target() + "\""));
        int wanted = 2 + EXTRA_PEERS;

        Process up = bed.start(Mesh.raitProcessCommand(node, "up"), null);
        while (up.isAlive() && pidFiles(node) < 6) Thread.sleep(5);
        up.destroyForcibly();
        assertTrue(up.waitFor(10, TimeUnit.SECONDS));
        long madeBeforeTheKill = pidFiles(node);
        assertTrue(madeBeforeTheKill < wanted, "killed in the middle: " + madeBeforeTheKill + " of " + wanted);

        Mesh.Run next = Mesh.rait(node, "up");

        assertEquals(0, next.status(), next.err());
        assertTrue(next.out().contains("ok=" + wanted + " changed="), next.out());
        assertTrue(next.out().contains(" failed=0 removed=0"), next.out());
        assertEquals(wanted, node.managedLinks().size(), node.managedLinks().toString());
        List<Long> pids = node.wireguardGoPids();
        assertEquals(wanted, pids.size());
        assertEquals(pids.stream().sorted().toList(), wireguardGoIn(node), "every wireguard-go in transit is recorded");
        assertTrue(Mesh.ping(node, other, node.ip4Interface(other)).ok(), "ping node 1 -> node 2");
        assertEquals(otherPids, other.wireguardGoPids(), "node 2's wireguard-go");
        assertEquals(2, other.managedLinks().size(), other.managedLinks().toString());

        Mesh.Run down = Mesh.rait(node, "down");

        assertTrue(down.out().contains("removed=" + wanted), down.out());
        assertEquals(List.of(), wireguardGoIn(node));
        assertFalse(Files.exists(node.socketDirectory()), node.socketDirectory() + " is left");
        assertEquals(otherPids, other.wireguardGoPids(), "node 2's wireguard-go after node 1's down");
    }

    /** The mesh's peers.conf plus peers that only node 1 sees. */
    private Path withExtraPeers() throws Exception {
        StringBuilder text = new StringBuilder(Files.readString(mesh.peers));
        for (int i = 0; i < EXTRA_PEERS; i++) {
            text.append("peers {\npublic_key = \"").append(X25519.publicKey(X25519.generatePrivateKey()).base64())
                    .append("\"\nendpoint {\naddress_family = \"ip4\"\nsend_port = ").append(52000 + i)
                    .append("\naddress = \"\"\n}\n}\n");
        }
        Path file = mesh.peers.resolveSibling("peers-node1.conf");
        Files.writeString(file, text);
        return file;
    }

    /** Counted, not read: a pid file may be half-written while rait runs. */
    private static long pidFiles(SimulatedNode node) throws Exception {
        if (!Files.isDirectory(node.socketDirectory())) return 0;
        try (var files = Files.list(node.socketDirectory())) {
            return files.filter(f -> f.toString().endsWith(".pid")).count();
        }
    }

    /** PIDs of the wireguard-go processes running in the node's transit namespace, sorted. */
    private static List<Long> wireguardGoIn(SimulatedNode node) {
        return Host.exec("ip", "netns", "pids", node.transit().name()).output().lines().map(String::strip)
                .filter(p -> !p.isEmpty()).map(Long::parseLong)
                .filter(pid -> ProcessHandle.of(pid).flatMap(h -> h.info().command()).map(c -> c.endsWith("wireguard-go")).orElse(false))
                .filter(pid -> !Host.exited(pid))
                .sorted().toList();
    }
}
