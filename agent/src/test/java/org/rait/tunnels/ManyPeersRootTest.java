package org.rait.tunnels;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.keys.X25519;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node with 50 peers: prints how long `rait up` takes to make 50 userspace tunnels, how long a no-op
 * pass takes, and how long `rait down` takes. Figures are printed, not asserted; the counts are.
 */
@Tag("root")
class ManyPeersRootTest {
    private static final int PEERS = 50;

    @RegisterExtension
    static final Testbed bed = new Testbed();

    @Test
    void fiftyPeersUpNoOpAndDownWithFigures() throws Exception {
        Testbed.requireRoot("wireguard-go");
        Netns transit = bed.namespace("t");
        Netns hub = bed.namespace("hub");
        bed.veth(transit, "under0", "10.54.0.1/24", hub, "hub0", "10.54.0.254/24");
        String target = bed.reserveNamespace("g");
        Path dir = bed.directory("many");
        StringBuilder peers = new StringBuilder();
        for (int i = 0; i < PEERS; i++) {
            peers.append("peers {\npublic_key = \"").append(X25519.publicKey(X25519.generatePrivateKey()).base64())
                    .append("\"\nendpoint {\naddress_family = \"ip4\"\nsend_port = ").append(52000 + i)
                    .append("\naddress = \"10.54.0.").append(100 + i).append("\"\n}\n}\n");
        }
        Files.writeString(dir.resolve("peers.conf"), peers);
        Path config = dir.resolve("rait.conf");
        Files.writeString(config, "private_key = \"" + X25519.generatePrivateKey().base64() + "\"\n"
                + "peers = \"" + dir.resolve("peers.conf") + "\"\nbackend = \"userspace\"\nruntime_dir = \"" + dir + "\"\n"
                + "transport {\naddress_family = \"ip4\"\nsend_port = 50001\nifprefix = \"m4x\"\nfwmark = 54\n}\n"
                + "isolation {\nifgroup = 54\ntransit = \"" + transit.name() + "\"\ntarget = \"" + target + "\"\n}\n");
        SimulatedNode node = new SimulatedNode(1, null, transit, target, "m", dir, config);

        long start = System.nanoTime();
        Mesh.Run up = Mesh.rait(node, "up");
        long upMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        Mesh.Run noop = Mesh.rait(node, "up", "--debug");
        long noopMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        Mesh.Run down = Mesh.rait(node, "down");
        long downMillis = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("benchmark peers=%d up_ms=%d noop_up_ms=%d down_ms=%d%n", PEERS, upMillis, noopMillis, downMillis);
        assertTrue(up.out().contains("ok=50 changed=50 failed=0 removed=0"), up.out());
        assertTrue(noop.out().contains("ok=50 changed=0 failed=0 removed=0"), noop.out());
        assertTrue(noop.err().contains("event=writes count=0"), noop.err());
        assertTrue(down.out().contains("removed=50"), down.out());
        assertEquals(0, node.managedLinks().size());
    }
}
