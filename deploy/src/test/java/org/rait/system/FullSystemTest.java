package org.rait.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rait.demo.Demo;
import org.rait.demo.DemoNode;
import org.rait.demo.DemoRegistry;
import org.rait.demo.Host;
import org.rait.demo.Launchers;
import org.rait.demo.Teardown;
import org.rait.demo.Underlay;
import org.rait.registry.store.AuditEntry;
import org.rait.registry.store.RegistryStore;
import org.rait.testbed.Testbed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole system, as an operator runs it: one registry ({@code rait-registry serve}, loopback HTTPS) and
 * simulated nodes (namespaces on a veth/bridge underlay, wireguard-go, babeld), each running
 * {@code rait agent} as its own process with its own rait.conf, state directory and runtime directory.
 * Nodes self-register with {@code rait register}; the admin curates with {@code rait-registry admin}.
 * Every check prints a line when it passes. Needs root and a prior {@code mvn -DskipTests package}
 * (it runs the launchers in bin/).
 */
@Tag("e2e")
class FullSystemTest {
    private static final int INTERVAL = 3;
    private static final Duration CONVERGENCE = Duration.ofSeconds(120);

    private static final Teardown teardown = new Teardown();
    private static final SystemRun run = new SystemRun();

    @BeforeAll
    static void requireRootAndBuild() {
        Testbed.requireRoot("wireguard-go", "babeld", "ping");
    }

    @AfterAll
    static void removeEverything() {
        teardown.run();
    }

    @Test
    void registryAndAgentsFormCurateHealAndDefendTheMesh() throws Exception {
        Host host = new Host(teardown);
        Launchers launchers = SystemRun.launchers();
        String prefix = "raite2e-" + ProcessHandle.current().pid();
        Path base = SystemRun.baseDirectory(teardown, prefix);

        DemoRegistry registry = DemoRegistry.start(host, launchers, base.resolve("registry"));
        Underlay underlay = Underlay.create(host, prefix);
        List<DemoNode> nodes = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            DemoNode node = DemoNode.create(host, launchers, underlay, prefix, n, "node" + n, base);
            node.writeConfig(registry, INTERVAL);
            nodes.add(node);
        }
        DemoNode node1 = nodes.get(0), node2 = nodes.get(1), node3 = nodes.get(2), node4 = nodes.get(3), node5 = nodes.get(4);
        Map<String, String> environment = Map.of("RAIT_JAVA_OPTS", Demo.NODE_JVM_OPTIONS);
        run.say("registry at " + registry.url() + ", 5 nodes set up, poll interval " + INTERVAL + " s");

        for (DemoNode node : List.of(node1, node2, node3, node4)) {
            Host.Result registered = node.register(environment, registry.pin(), Optional.empty());
            assertEquals(0, registered.status(), node.name() + ": rait register: " + registered.output());
            node.startAgent(environment, registry.pin());
        }
        for (DemoNode node : List.of(node1, node2, node3)) {
            registry.adminOrFail("approve", node.publicKey().base64());
        }
        String pending = registry.adminOrFail("list", "--state", "pending");
        assertTrue(pending.contains(node4.publicKey().base64()), "node4 is pending:\n" + pending);
        run.passed("4 nodes self-registered; the admin approved node1-3, node4 is pending");

        run.awaitFullMesh(List.of(node1, node2, node3), CONVERGENCE, "approved nodes node1-3");

        for (DemoNode node : List.of(node1, node2, node3)) {
            assertFalse(node.tunnels().contains(node.interfaceFor(node4)), node.name() + " has a tunnel to pending node4");
        }
        assertFalse(node4.inTarget("ping -6 -c1 -W1 " + node1.loopbackAddress()).ok(), "pending node4 reaches node1");
        run.passed("pending node4 is in nobody's mesh (no approved node has a tunnel to it, it reaches nobody)");

        String created = registry.adminOrFail("enrollment-token", "create", "--uses", "1", "--note", "node5");
        String token = new ObjectMapper().readTree(created).get("token").asText();
        Host.Result enrolled = node5.register(environment, registry.pin(), Optional.of(token));
        assertEquals(0, enrolled.status(), "node5: rait register --token: " + enrolled.output());
        node5.startAgent(environment, registry.pin());
        run.awaitFullMesh(List.of(node1, node2, node3, node5), CONVERGENCE, "node5, pre-approved by an enrollment token, joins node1-3");

        registry.adminOrFail("revoke", node3.publicKey().base64());
        long revoked = System.nanoTime();
        Duration bound = Duration.ofSeconds(2L * INTERVAL + 2);
        SystemRun.awaitTrue(bound, () -> List.of(node1, node2, node5).stream().noneMatch(n -> n.tunnels().contains(n.interfaceFor(node3))),
                "node3's tunnels removed from node1, node2, node5");
        run.passed(String.format("revoked node3: its tunnels left every other node after %.1f s (bound: two poll intervals + 2 s for the pass = %d s)",
                (System.nanoTime() - revoked) / 1e9, bound.toSeconds()));
        List<DemoNode> mesh = List.of(node1, node2, node5);

        registry.stop();
        Thread.sleep(Duration.ofSeconds(3L * INTERVAL).toMillis());
        SystemRun.assertMesh(mesh, "registry down for " + 3 * INTERVAL + " s");
        run.passed("registry stopped for " + 3 * INTERVAL + " s: node1, node2, node5 still reach each other (fail static)");
        assertFalse(listening(registry.url()), "the registry still accepts connections at " + registry.url());
        Host.Result approvedOffline = Host.exec(List.of(launchers.registry().toString(), "admin", "approve",
                node4.publicKey().base64(), "--data-dir", registry.dataDir().toString()), Map.of());
        assertEquals(0, approvedOffline.status(), "rait-registry admin approve --data-dir: " + approvedOffline.output());
        AuditEntry audited;
        try (RegistryStore store = RegistryStore.open(registry.dataDir().resolve("registry.db"))) {
            audited = store.transaction(tx -> tx.audit().latest(1)).get(0);
        }
        assertEquals(List.of("local:" + System.getProperty("user.name"), "approve", node4.publicKey().base64()),
                List.of(audited.actor(), audited.action(), audited.subject()));
        Thread.sleep(Duration.ofSeconds(2L * INTERVAL).toMillis());
        for (DemoNode node : mesh) {
            assertFalse(node.tunnels().contains(node.interfaceFor(node4)), node.name() + " learned of node4 with the registry down");
        }
        run.passed("registry still down: the admin approved node4 offline (rait-registry admin approve --data-dir, audited as "
                + audited.actor() + "); no node has it yet");
        registry.restart();
        run.awaitFullMesh(List.of(node1, node2, node4, node5), CONVERGENCE,
                "registry back: node4, approved offline while it was down, joins node1, node2, node5 (timed from when it listens again)");
        mesh = List.of(node1, node2, node4, node5);

        List<String> before = node1.tunnels();
        HttpServer rogue = rogueServer(node1);
        teardown.add("stop the rogue server", () -> rogue.stop(0));
        String rogueUrl = "http://127.0.0.1:" + rogue.getAddress().getPort() + "/peers.conf";
        node1.stopAgent();
        node1.writeConfig(rogueUrl, registry.signingKey(), registry.url(), INTERVAL);
        long logMark = Files.size(node1.agentLog());
        node1.startAgent(environment, registry.pin());
        Thread.sleep(Duration.ofSeconds(3L * INTERVAL).toMillis());
        assertEquals(sorted(before), sorted(node1.tunnels()), "node1's tunnels after the rogue snapshot");
        assertFalse(node1.tunnels().contains(DemoNode.IFPREFIX + 53999), "node1 built a tunnel to the rogue peer");
        SystemRun.assertMesh(mesh, "after the rogue snapshot");
        String log = Files.readString(node1.agentLog()).substring((int) logMark);
        assertTrue(log.toLowerCase().contains("refus"), "node1's agent says it refused the snapshot:\n" + log);
        List<String> tunnelEvents = log.lines().filter(l -> l.matches(".*event=(created|removed|recreated|updated) .*")).toList();
        assertEquals(List.of(), tunnelEvents, "node1's restarted agent adopted its tunnels without touching them");
        run.passed("a rogue server's tampered peers.conf (extra peer, real signature) is refused by node1; its tunnels stay and the mesh is intact: "
                + log.lines().filter(l -> l.toLowerCase().contains("refus")).findFirst().orElse(""));

        node1.stopAgent();
        node1.writeConfig(registry, INTERVAL);
        long registryMark = Files.size(node1.agentLog());
        node1.startAgent(environment, registry.pin());
        SystemRun.awaitTrue(CONVERGENCE, () -> SystemRun.since(node1.agentLog(), registryMark).contains("event=fetch "), "node1 polls the registry again");
        revokeWithinTwoPolls(registry, node5, List.of(node1, node2, node4), "4-node mesh");
        revokeWithinTwoPolls(registry, node4, List.of(node1, node2), "3-node mesh (each remaining node removes 1 of its 2 peers)");
        revokeWithinTwoPolls(registry, node2, List.of(node1), "2-node mesh (node1 removes its only peer)");
        assertFalse(Files.readString(node1.agentLog()).contains("event=held"), "node1's agent held a plan:\n" + Files.readString(node1.agentLog()));
        run.passed("node1, in the mesh throughout, never logged event=held, and no --force was used");
    }

    /** A revocation in a small mesh is no accident for the removal guard: it reaches every remaining node within two polls. */
    private static void revokeWithinTwoPolls(DemoRegistry registry, DemoNode revoked, List<DemoNode> remaining, String mesh) throws IOException {
        Map<DemoNode, Long> marks = new java.util.HashMap<>();
        for (DemoNode node : remaining) marks.put(node, Files.size(node.agentLog()));
        registry.adminOrFail("revoke", revoked.publicKey().base64());
        long start = System.nanoTime();
        Duration bound = Duration.ofSeconds(2L * INTERVAL + 2);
        SystemRun.awaitTrue(bound, () -> remaining.stream().noneMatch(n -> n.tunnels().contains(n.interfaceFor(revoked))),
                revoked.name() + "'s tunnels removed from " + remaining.stream().map(DemoNode::name).toList());
        // Only the mesh that remains: a node revoked earlier still polls and may rightly hold when two of its peers go at once.
        for (DemoNode node : remaining) {
            String since = SystemRun.since(node.agentLog(), marks.get(node));
            assertFalse(since.contains("event=held"), node.name() + " held the revocation of " + revoked.name() + ":\n" + since);
        }
        run.passed(String.format("revoked %s in a %s: its tunnels left %s after %.1f s (bound: two poll intervals + 2 s = %d s), no --force",
                revoked.name(), mesh, remaining.stream().map(DemoNode::name).toList(), (System.nanoTime() - start) / 1e9, bound.toSeconds()));
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }

    /** Serves node1's last verified snapshot with a rogue peer appended, under the registry's real signature. */
    private static HttpServer rogueServer(DemoNode node) throws IOException {
        Properties cached = new Properties();
        cached.load(new ByteArrayInputStream(Files.readAllBytes(node.stateDir().resolve("snapshot"))));
        byte[] body = Base64.getDecoder().decode(cached.getProperty("body"));
        byte[] signature = Base64.getDecoder().decode(cached.getProperty("signature"));
        String rogueKey = Base64.getEncoder().encodeToString(new byte[32]).replace("AAAA", "ROGU");
        byte[] tampered = (new String(body, StandardCharsets.UTF_8) + "\npeers {\n  public_key = \"" + rogueKey
                + "\"\n  name = \"rogue\"\n  endpoint {\n    address_family = \"ip4\"\n    send_port = 53999\n    address = \"10.54.0.99\"\n  }\n}\n")
                .getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/peers.conf", exchange -> {
            byte[] answer = exchange.getRequestURI().getPath().endsWith(".minisig") ? signature : tampered;
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return server;
    }

    /** Whether anything accepts a TCP connection at the registry's host and port. */
    private static boolean listening(String url) {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
