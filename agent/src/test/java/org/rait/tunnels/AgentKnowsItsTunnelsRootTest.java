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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `rait agent` over wireguard-go and the real kernel, from its log: a quiet pass makes no kernel request at all, the
 * events of its own +1 peer apply start no drift pass, and a tunnel set down by hand, or its address removed, is put
 * back through link (address) events.
 * In order; node1 runs the agent on a local peers file (interval 1 s, then 10 minutes, so that only a link event can
 * bring the repair), the other nodes only appear in it.
 */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentKnowsItsTunnelsRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Mesh mesh;
    private Process agent;
    private Path log;

    @BeforeAll
    void startTheAgentOnNodeOne() throws Exception {
        Testbed.requireRoot("wireguard-go", "wg");
        mesh = new Mesh(bed, 3);
        mesh.writePeers(List.of(mesh.node(1), mesh.node(2)));
        startAgent(1);
    }

    private void startAgent(int interval) throws Exception {
        if (agent != null) {
            agent.destroy();
            assertTrue(agent.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "SIGTERM ends the agent");
            System.out.print("agent log of node1:\n" + log().indent(4));
        }
        SimulatedNode node = mesh.node(1);
        node.writeConfig(mesh.peers);
        Files.writeString(node.config(), Files.readString(node.config()) + "agent {\ninterval = " + interval + "\n}\n");
        log = node.config().resolveSibling("agent-" + interval + ".log");
        agent = bed.start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.rait.cli.Main", "agent", "-c", node.config().toString()), log);
    }

    @AfterAll
    void stopAndDown() throws Exception {
        if (agent != null) {
            agent.destroy();
            agent.waitFor();
            System.out.print("agent log of node1:\n" + log().indent(4));
        }
        if (mesh != null) Mesh.rait(mesh.node(1), "down");
    }

    @Test
    @Order(1)
    void aQuietPassMakesNoKernelRequest() {
        SimulatedNode node = mesh.node(1);
        await(() -> node.managedLinks().size() == 2, "node1's two tunnels to node2");
        await(() -> recaps("news=unchanged").size() >= 3, "three passes with nothing new");

        List<String> quiet = recaps("news=unchanged");
        System.out.println("quiet passes: " + String.join("\n    ", quiet));
        for (String line : quiet.subList(1, quiet.size())) {
            assertTrue(line.contains(" ok=2 changed=0 failed=0 removed=0 observed=known kernel_requests=0 "), line);
        }
    }

    @Test
    @Order(2)
    void theAgentsOwnPlusOneApplyStartsNoDriftPass() throws IOException {
        SimulatedNode node = mesh.node(1);
        mesh.writePeers(mesh.nodes);
        await(() -> node.managedLinks().size() == 4, "node1's tunnels to node3 as well");
        await(() -> !recaps("news=fresh").isEmpty() && recaps("changed=2 ").size() >= 2, "the recap of the +1 pass");
        int before = recaps("news=unchanged").size();
        // The repair that its own link events would start comes one debounce (2 s) after them.
        await(() -> recaps("news=unchanged").size() >= before + 5, "five more passes, well past the debounce");

        String plusOne = recaps("changed=2 ").get(recaps("changed=2 ").size() - 1);
        System.out.println("+1 peer pass: " + plusOne);
        assertTrue(plusOne.contains("news=fresh") && plusOne.contains("observed=known"), plusOne);
        assertEquals(List.of(), recaps("news=drift"), "no drift pass after the agent's own writes");
        String last = recaps("news=unchanged").get(recaps("news=unchanged").size() - 1);
        assertTrue(last.contains(" ok=4 changed=0 failed=0 removed=0 observed=known kernel_requests=0 "), last);
    }

    @Test
    @Order(3)
    void aTunnelSetDownByHandIsPutBackThroughLinkEvents() throws Exception {
        startAgent(600);
        await(() -> !recaps("news=fresh").isEmpty(), "the restarted agent's first pass");
        assertTrue(recaps("news=fresh").get(0).contains(" ok=4 changed=0 failed=0 removed=0 observed=full "), recaps("news=fresh").get(0));
        SimulatedNode node = mesh.node(1);
        String tunnel = node.ip4Interface(mesh.node(2));
        Host.run("ip", "-n", node.target(), "link", "set", tunnel, "down");

        await(() -> !recaps("news=drift").isEmpty(), "a drift pass");
        await(() -> Host.run("ip", "-n", node.target(), "-o", "link", "show", tunnel).matches("(?s).*<([A-Z_]+,)*UP[,>].*"),
                tunnel + " up again");

        String drift = recaps("news=drift").get(0);
        System.out.println("drift pass: " + drift);
        assertTrue(drift.contains(" ok=4 changed=1 failed=0 removed=0 observed=partial "), drift);
        assertTrue(agent.isAlive());
    }

    @Test
    @Order(4)
    void anAddressRemovedByHandIsPutBackThroughAddressEvents() {
        SimulatedNode node = mesh.node(1);
        String tunnel = node.ip6Interface(mesh.node(3));
        String address = Host.run("ip", "-n", node.target(), "-o", "-6", "addr", "show", "dev", tunnel, "scope", "link")
                .trim().split("\\s+")[3];
        int drifts = recaps("news=drift").size();
        Host.run("ip", "-n", node.target(), "addr", "del", address, "dev", tunnel);

        await(() -> recaps("news=drift").size() > drifts, "a drift pass");
        await(() -> Host.run("ip", "-n", node.target(), "-o", "-6", "addr", "show", "dev", tunnel).contains(address),
                address + " on " + tunnel + " again");

        String drift = recaps("news=drift").get(drifts);
        System.out.println("drift pass after `ip addr del " + address + "`: " + drift);
        assertTrue(drift.contains(" ok=4 changed=1 failed=0 removed=0 observed=partial "), drift);
    }

    private List<String> recaps(String needle) {
        return Arrays.stream(log().split("\n")).filter(l -> l.contains("event=recap") && l.contains(needle)).toList();
    }

    private String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, "timed out after " + PATIENCE.toSeconds() + "s waiting for: " + what + "\n" + log());
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
