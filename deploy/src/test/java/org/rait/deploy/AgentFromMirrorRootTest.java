package org.rait.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.cli.Main;
import org.rait.demo.Underlay;
import org.rait.keys.X25519;
import org.rait.registration.NodeProver;
import org.rait.registration.RegistrationClient;
import org.rait.registry.config.ListenAddress;
import org.rait.registry.config.RegistryConfig;
import org.rait.registry.http.RegistryServer;
import org.rait.registry.nodes.Curation;
import org.rait.registry.snapshot.Publication;
import org.rait.registry.snapshot.SnapshotPublisher;
import org.rait.registry.store.RegistryStore;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Agents that know only a static mirror: the registry writes every snapshot into a directory, nginx serves it
 * over plain HTTP, and two nodes whose agents fetch from nginx build their tunnels from it. Trust is in the
 * signature, not in the server.
 */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentFromMirrorRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private RegistryServer registry;
    private final List<AgentNode> nodes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private final List<Process> agents = new ArrayList<>();

    @BeforeAll
    void registryMirrorAndTwoNodes() throws Exception {
        Testbed.requireRoot("wireguard-go", "wg", "ping", "nginx");
        Path registryDir = bed.directory("registry");
        Path mirrorDir = bed.directory("mirror");
        registry = RegistryServer.start(RegistryConfig.defaults().withDataDir(registryDir)
                .withListen(new ListenAddress("127.0.0.1", 0)).withMirrorDir(mirrorDir), Clock.systemUTC());
        StaticMirror mirror = StaticMirror.serve(bed, mirrorDir);

        Underlay underlay = bed.underlay();
        for (int n = 1; n <= 2; n++) {
            Netns transit = new Netns(underlay.attach(n));
            AgentNode node = new AgentNode(n, X25519.generatePrivateKey(), transit, bed.reserveNamespace("g" + n), bed.directory("node" + n));
            node.writeConfig(mirror.peersUrl(), registry.signingKey().publicKey().render(), 1, "");
            nodes.add(node);
        }
        String token;
        try (RegistryStore store = RegistryStore.open(registryDir.resolve("registry.db"))) {
            Publication publication = Publication.immediate(store,
                    new SnapshotPublisher(registry.signingKey(), Duration.ofDays(7), Clock.systemUTC()));
            token = new Curation(store, publication, Clock.systemUTC()).createEnrollmentToken("test", 2, Duration.ofHours(1), "mirror test").token();
        }
        RegistrationClient client = new RegistrationClient("https://127.0.0.1:" + registry.port(), Optional.of(registry.tls().pin()),
                Clock.systemUTC());
        for (AgentNode node : nodes) {
            client.register(new NodeProver(node.privateKey()), node.entry(), Optional.of(token));
        }
        for (AgentNode node : nodes) {
            Path log = node.dir().resolve("agent.log");
            logs.add(log);
            agents.add(bed.start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.rait.cli.Main", "agent", "-c", node.config().toString()), log));
        }
    }

    @AfterAll
    void stopEverything() throws Exception {
        agents.forEach(Process::destroy);
        for (Path log : logs) System.out.print("agent log " + log + ":\n" + Files.readString(log).indent(4));
        for (AgentNode node : nodes) Main.run("down", "-c", node.config().toString());
        if (registry != null) registry.close();
    }

    @Test
    void agentsThatKnowOnlyTheMirrorBuildTheMesh() throws Exception {
        AgentNode a = nodes.get(0);
        AgentNode b = nodes.get(1);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!(meshed(a, b) && meshed(b, a))) {
            if (System.nanoTime() > deadline) throw new AssertionError("no mesh from the mirror within " + PATIENCE.toSeconds() + " s");
            Thread.sleep(200);
        }
        assertTrue(a.pings(b, a.ip6Interface(b)), "node1 -> node2 over the ip6 underlay");
        assertTrue(b.pings(a, b.ip4Interface(a)), "node2 -> node1 over the ip4 underlay");
        assertTrue(Files.readString(logs.get(0)).contains("127.0.0.1"), "node1 fetched from the mirror");
    }

    /** Both tunnels to the peer; false while the agent has not made its target namespace yet. */
    private static boolean meshed(AgentNode node, AgentNode peer) {
        try {
            return node.managedLinks().equals(List.of(node.ip4Interface(peer), node.ip6Interface(peer)));
        } catch (AssertionError namespaceNotYetThere) {
            return false;
        }
    }
}
