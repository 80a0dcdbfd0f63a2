package org.rait.tunnels;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.demo.Host;
import org.rait.testbed.Testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two userspace instances on one host with the default runtime_dir; also the `wg show` one-liner that
 * deploy/docs/tunnels.md gives for a userspace tunnel, run as written there.
 */
@Tag("root")
class TwoInstancesOnOneHostRootTest extends InstancesOnOneHost {
    /** The documented one-liner, with the example's socket directory to be replaced by the node's. */
    private static final String EXAMPLE_DIRECTORY = "/run/rait/wireguard/netns/raitns/54";

    @RegisterExtension
    static final Testbed bed = new Testbed();

    @Override
    void requireTools() {
        Testbed.requireRoot("wireguard-go", "wg", "ping", "unshare");
    }

    @Override
    Mesh newMesh() throws IOException {
        return Mesh.onTheDefaultRuntimeDir(bed, 2);
    }

    @Override
    String backend() {
        return "userspace";
    }

    @Test
    @Order(4)
    void theDocumentedWgShowOneLinerShowsAUserspaceTunnel() throws IOException {
        SimulatedNode node = mesh.node(1);
        SimulatedNode peer = mesh.node(2);
        String oneLiner = documentedOneLiner().replace(EXAMPLE_DIRECTORY, node.socketDirectory().toString());

        Host.Result shown = Host.exec(List.of("sh", "-c", oneLiner));

        assertTrue(shown.ok(), oneLiner + "\n" + shown.output());
        String out = shown.output();
        assertTrue(out.contains("interface: " + node.ip4Interface(peer)), out);
        assertTrue(out.contains("listening port: " + peer.ip4SendPort()), out);
        assertTrue(out.contains("fwmark: 0x36"), out);
        assertTrue(out.contains("endpoint: " + peer.ip4() + ":" + node.ip4SendPort()), out);
        assertTrue(out.contains("peer: " + peer.publicKey().base64()), out);
    }

    /** The line of deploy/docs/tunnels.md that runs `wg show` on rait's socket directory. */
    private static String documentedOneLiner() throws IOException {
        Path doc = Path.of("..", "deploy", "docs", "tunnels.md");
        return Files.readAllLines(doc).stream().map(String::strip)
                .filter(l -> l.startsWith("unshare -m ") && l.contains(EXAMPLE_DIRECTORY) && l.contains("wg show"))
                .findFirst().orElseThrow(() -> new AssertionError(doc + " has no `unshare -m ... wg show` line for " + EXAMPLE_DIRECTORY));
    }
}
