package org.rait.demo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rait.cli.Main;
import org.rait.testbed.Testbed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's network without a registry: nodes on the demo underlay with one shared peers.conf, each
 * brought up with `rait up` (which also feeds its babeld), reach each other over every tunnel and by
 * babeld's routes to their own addresses; the demo's teardown leaves no namespace behind.
 */
@Tag("root")
class DemoMeshRootTest {
    private final Teardown teardown = new Teardown();
    private final List<DemoNode> nodes = new ArrayList<>();

    @AfterEach
    void removeEverything() {
        for (DemoNode node : nodes) Main.run("down", "-c", node.config().toString());
        teardown.run();
    }

    @Test
    void threeNodesOnTheDemoUnderlayConvergeToAFullMeshAndTeardownRemovesTheirNamespaces() throws Exception {
        Testbed.requireRoot("wireguard-go", "babeld", "ping");
        Host host = new Host(teardown);
        String prefix = "raitdemo-t" + ProcessHandle.current().pid();
        Path base = Files.createTempDirectory(prefix + "-");
        teardown.add("remove " + base, () -> Demo.deleteTree(base));
        Underlay underlay = Underlay.create(host, prefix);
        for (int n = 1; n <= 3; n++) {
            nodes.add(DemoNode.create(host, Launchers.ofThisTree(), underlay, prefix, n, "node" + n, base));
        }
        Path peers = base.resolve("peers.conf");
        Files.writeString(peers, String.join("", nodes.stream().map(DemoNode::peersEntry).toList()));
        for (DemoNode node : nodes) {
            node.writeConfig(peers.toString(), "", "", 3);
            assertEquals(0, Main.run("up", "-c", node.config().toString()), "rait up on " + node.name());
        }

        MeshMatrix matrix = MeshProbe.probe(nodes);
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!matrix.converged() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            matrix = MeshProbe.probe(nodes);
        }
        System.out.print(matrix.render());
        assertTrue(matrix.converged(), "no full mesh within 90 s:\n" + matrix.render());

        for (DemoNode node : nodes) Main.run("down", "-c", node.config().toString());
        nodes.clear();
        teardown.run();
        String left = Host.run("ip", "netns", "list");
        assertTrue(left.lines().noneMatch(l -> l.startsWith(prefix)), "namespaces left: " + left);
        assertTrue(Files.notExists(base), base + " is left");
    }
}
