package org.rait.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.cli.Main;
import org.rait.config.AddressFamily;
import org.rait.demo.Host;
import org.rait.demo.Underlay;
import org.rait.keys.X25519;
import org.rait.peers.Endpoint;
import org.rait.registration.NodeProver;
import org.rait.registration.RegistrationClient;
import org.rait.registry.config.DataDirectory;
import org.rait.registry.config.ListenAddress;
import org.rait.registry.config.RegistryConfig;
import org.rait.registry.http.RegistryServer;
import org.rait.registry.nodes.Curation;
import org.rait.registry.snapshot.Publication;
import org.rait.registry.snapshot.SnapshotPublisher;
import org.rait.registry.store.RegistryStore;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent against a real registry (in-process, HTTPS with a pinned self-signed certificate) and two nodes
 * whose tunnels are wireguard-go in network namespaces, each agent its own `rait agent` process.
 * Fail static, in order: the registry stops and traffic keeps flowing while the agents keep retrying; a change
 * made while it was down arrives when it is back; an agent restarted while the registry is down comes up on its
 * cached snapshot, and its SIGTERM left the tunnels (and wireguard-go) up.
 */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentAgainstRegistryRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Path registryDir;
    private int registryPort;
    private int metricsPort;
    private RegistryServer registry;
    private String pin;
    private final List<AgentNode> nodes = new ArrayList<>();
    private final Process[] agents = new Process[3];
    private final Path[] logs = new Path[3];

    @BeforeAll
    void registryAndTwoNodes() throws Exception {
        Testbed.requireRoot("wireguard-go", "wg", "ping");
        registryDir = bed.directory("registry");
        registry = startRegistry(0);
        registryPort = registry.port();
        pin = registry.tls().pin().render();
        try (ServerSocket free = new ServerSocket(0)) {
            metricsPort = free.getLocalPort();
        }

        Underlay underlay = bed.underlay();
        for (int n = 1; n <= 2; n++) {
            Netns transit = new Netns(underlay.attach(n));
            AgentNode node = new AgentNode(n, X25519.generatePrivateKey(), transit, bed.reserveNamespace("g" + n), bed.directory("node" + n));
            // node1 polls every second and serves metrics; node2 polls every 10 minutes, so what repairs its tunnels
            // within seconds can only be a link event.
            node.writeConfig(peersUrl(), registry.signingKey().publicKey().render(), n == 1 ? 1 : 600,
                    n == 1 ? "127.0.0.1:" + metricsPort : "");
            nodes.add(node);
        }
        String token;
        try (RegistryStore store = RegistryStore.open(DataDirectory.open(registryDir).database())) {
            token = new Curation(store, publication(store), Clock.systemUTC()).createEnrollmentToken("test", 2, Duration.ofHours(1), "agent test").token();
        }
        RegistrationClient client = new RegistrationClient("https://127.0.0.1:" + registryPort, Optional.of(registry.tls().pin()), Clock.systemUTC());
        for (AgentNode node : nodes) {
            client.register(new NodeProver(node.privateKey()), node.entry(), Optional.of(token));
        }
        for (AgentNode node : nodes) startAgent(node);
    }

    @AfterAll
    void stopEverything() {
        for (Process agent : agents) {
            if (agent != null) agent.destroy();
        }
        for (int n = 1; n < logs.length; n++) {
            if (logs[n] != null) System.out.print("agent log of node" + n + ":\n" + log(n).indent(4));
        }
        for (AgentNode node : nodes) Main.run("down", "-c", node.config().toString());
        if (registry != null) registry.close();
    }

    @Test
    @Order(1)
    void theAgentsBuildTheMeshFromTheSignedSnapshot() {
        AgentNode a = nodes.get(0);
        AgentNode b = nodes.get(1);
        await(() -> a.managedLinks().equals(List.of(a.ip4Interface(b), a.ip6Interface(b)))
                && b.managedLinks().equals(List.of(b.ip4Interface(a), b.ip6Interface(a))), "both tunnels on both nodes");

        assertTrue(a.pings(b, a.ip6Interface(b)), "node1 -> node2 over the ip6 underlay");
        assertTrue(b.pings(a, b.ip4Interface(a)), "node2 -> node1 over the ip4 underlay");
        assertTrue(log(1).contains("event=recap news=fresh"), log(1));

        StringWriter status = new StringWriter();
        assertEquals(0, statusOf(a, status));
        assertTrue(status.toString().matches("(?s)snapshot serial=\\d+ age=[0-9dhms]+ source=https://127\\.0\\.0\\.1:\\d+/peers\\.conf\n.*"), status.toString());
        assertTrue(status.toString().contains(a.ip6Interface(b) + " peer=node2 endpoint=[" + Underlay.address6(2) + "]:" + a.ip6SendPort() + " handshake="), status.toString());
        assertTrue(metrics().contains("rait_fetch_attempts_total{outcome=\"changed\"} 1"), metrics());
    }

    @Test
    @Order(2)
    void anInterfaceDeletedByHandIsPutBackWithinSecondsThroughLinkEvents() {
        AgentNode a = nodes.get(0);
        AgentNode b = nodes.get(1);
        String tunnel = b.ip6Interface(a);
        Host.run("ip", "-n", b.target(), "link", "del", tunnel);

        await(() -> b.managedLinks().contains(tunnel), "node2 (polling every 10 minutes) puts " + tunnel + " back");

        assertTrue(b.pings(a, tunnel));
        assertTrue(log(2).contains("event=recap news=drift"), log(2));
        assertEquals(1, count(log(2), "event=fetch "), "the repair did not ask the registry");
    }

    @Test
    @Order(3)
    void withTheRegistryStoppedTrafficKeepsFlowingAndTheAgentKeepsRetrying() {
        AgentNode a = nodes.get(0);
        AgentNode b = nodes.get(1);
        List<String> before = a.managedLinks();
        registry.close();
        int seen = count(log(1), "result=unreachable");

        await(() -> count(log(1), "result=unreachable") >= seen + 3, "three more unreachable passes");

        assertEquals(before, a.managedLinks(), "nothing torn down for lack of news");
        assertTrue(a.pings(b, a.ip6Interface(b)));
        assertTrue(a.pings(b, a.ip4Interface(b)));
        assertTrue(agents[1].isAlive());
        assertTrue(metrics().matches("(?s).*rait_fetch_attempts_total\\{outcome=\"connection\"} [1-9].*"), metrics());
    }

    @Test
    @Order(4)
    void whileTheRegistryHangsAnInterfaceDeletedByHandIsBackWithinSeconds() throws Exception {
        try (FaultyRegistry hanging = FaultyRegistry.hanging(registryPort)) {
            repairDuringAFetchThatDoesNotEnd(hanging, "accepts and never answers");
        }
    }

    @Test
    @Order(5)
    void whileTheRegistryAnswersAtOneBytePerSecondAnInterfaceDeletedByHandIsBackWithinSeconds() throws Exception {
        RegistryServer upstream = startRegistry(0);
        try (FaultyRegistry dripping = FaultyRegistry.dripping(registryPort, upstream.port())) {
            repairDuringAFetchThatDoesNotEnd(dripping, "answers at 1 byte/s");
        } finally {
            upstream.close();
        }
        restartNodeOneAgent(1);
    }

    /**
     * node1's agent is restarted with a 60 s interval, so that one fetch may take up to its 60 s deadline; the
     * tunnel is deleted while that fetch is in flight and must be back long before the fetch could end.
     */
    private void repairDuringAFetchThatDoesNotEnd(FaultyRegistry faulty, String how) throws Exception {
        AgentNode a = nodes.get(0);
        AgentNode b = nodes.get(1);
        restartNodeOneAgent(60);
        await(() -> log(1).contains("event=recap news=cache"), "the restarted agent applies its cached snapshot");
        await(() -> faulty.open() > 0, "a fetch in flight against the registry that " + how);
        String tunnel = a.ip4Interface(b);
        int inFlight = faulty.open();

        long start = System.nanoTime();
        Host.run("ip", "-n", a.target(), "link", "del", tunnel);
        await(() -> a.managedLinks().contains(tunnel), "node1 puts " + tunnel + " back");
        Duration repair = Duration.ofNanos(System.nanoTime() - start);

        System.out.printf("repair while the registry %s: %s back after %d ms (goal 5000 ms); fetch connections open at deletion %d,"
                + " at repair %d, accepted %d%n", how, tunnel, repair.toMillis(), inFlight, faulty.open(), faulty.accepted());
        assertTrue(inFlight > 0, "the deletion happened during a fetch");
        assertTrue(repair.compareTo(Duration.ofSeconds(15)) < 0, "repair took " + repair.toMillis() + " ms");
        assertTrue(a.pings(b, tunnel));
        assertTrue(agents[1].isAlive());
    }

    private void restartNodeOneAgent(int interval) throws Exception {
        AgentNode a = nodes.get(0);
        agents[1].destroy();
        assertTrue(agents[1].waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "SIGTERM ends the agent");
        a.writeConfig(peersUrl(), registry.signingKey().publicKey().render(), interval, "127.0.0.1:" + metricsPort);
        startAgent(a);
    }

    @Test
    @Order(6)
    void aChangeMadeWhileTheRegistryWasDownArrivesWhenItIsBack() throws Exception {
        AgentNode a = nodes.get(0);
        AgentNode b = nodes.get(1);
        try (RegistryStore store = RegistryStore.open(DataDirectory.open(registryDir).database())) {
            new Curation(store, publication(store), Clock.systemUTC()).edit("test", b.publicKey(), Optional.empty(),
                    Optional.of(List.of(new Endpoint(AddressFamily.IP6, b.ip6SendPort(), Underlay.address6(2)))));
        }

        registry = startRegistry(registryPort);

        await(() -> a.managedLinks().equals(List.of(a.ip6Interface(b))), "node1 drops its ip4 tunnel to node2");
        // The link goes first, then its wireguard-go and pid file; the next test counts the processes.
        await(() -> wireguardGoCount(a) == 1, "node1 ends the ip4 tunnel's wireguard-go");
        assertTrue(a.pings(b, a.ip6Interface(b)));
        assertTrue(log(1).contains("event=fetch result=fresh"), log(1));
    }

    @Test
    @Order(7)
    void anAgentRestartedWhileTheRegistryIsDownComesUpOnItsCachedSnapshot() throws Exception {
        AgentNode a = nodes.get(0);
        AgentNode b = nodes.get(1);
        List<Long> wireguardGo = a.wireguardGoPids();
        registry.close();
        agents[1].destroy();
        assertTrue(agents[1].waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "SIGTERM ends the agent");
        assertTrue(log(1).contains("event=agent_stop"), log(1));

        assertEquals(List.of(a.ip6Interface(b)), a.managedLinks(), "SIGTERM left the tunnels up");
        assertFalse(wireguardGo.isEmpty());
        for (long pid : wireguardGo) {
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "wireguard-go " + pid + " survived");
        }
        assertTrue(a.pings(b, a.ip6Interface(b)), "traffic while no agent runs");

        startAgent(a);
        await(() -> log(1).contains("event=recap news=cache"), "the restarted agent applies its cached snapshot");
        await(() -> count(log(1), "result=unreachable") >= 2, "and keeps asking the registry");

        assertTrue(log(1).contains("event=cache result=readmitted"), log(1));
        assertEquals(List.of(a.ip6Interface(b)), a.managedLinks());
        assertTrue(a.pings(b, a.ip6Interface(b)));
        assertEquals(wireguardGo.stream().sorted().toList(), a.wireguardGoPids().stream().sorted().toList(),
                "the restarted agent adopted the running wireguard-go processes");
    }

    private static int wireguardGoCount(AgentNode node) {
        try {
            return node.wireguardGoPids().size();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void startAgent(AgentNode node) throws IOException {
        Path log = node.dir().resolve("agent-" + System.nanoTime() + ".log");
        logs[node.number()] = log;
        agents[node.number()] = bed.start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.rait.cli.Main",
                "agent", "-c", node.config().toString(), "--tls-pin", pin), log);
    }

    private static int statusOf(AgentNode node, StringWriter out) {
        CommandLine cli = Main.commandLine("status");
        cli.setOut(new PrintWriter(out));
        return cli.execute("status", "-c", node.config().toString());
    }

    private String metrics() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "metrics not reachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String log(int number) {
        try {
            return Files.readString(logs[number]);
        } catch (IOException e) {
            return "";
        }
    }

    private RegistryServer startRegistry(int port) throws Exception {
        return RegistryServer.start(RegistryConfig.defaults().withDataDir(registryDir).withListen(new ListenAddress("127.0.0.1", port)),
                Clock.systemUTC());
    }

    /** What the running registry would sign with, for changes made while it is down. */
    private Publication publication(RegistryStore store) throws IOException {
        return Publication.immediate(store, new SnapshotPublisher(DataDirectory.open(registryDir).signingKey(new SecureRandom()),
                Duration.ofDays(7), Clock.systemUTC()));
    }

    private String peersUrl() {
        return "https://127.0.0.1:" + registryPort + "/peers.conf";
    }

    private static int count(String text, String needle) {
        return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + PATIENCE.toSeconds() + "s waiting for: " + what);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
