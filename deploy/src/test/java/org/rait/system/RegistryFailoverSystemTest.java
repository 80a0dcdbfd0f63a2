package org.rait.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
import org.rait.registry.store.Database;
import org.rait.registry.store.ThrowawayPostgres;
import org.rait.testbed.Testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two active registries ({@code rait-registry serve}, two processes, each with its own data directory holding
 * copies of the same key files) on one PostgreSQL database (a throwaway server; skipped with the reason where
 * Debian's postgresql is not installed), and agents whose {@code peers} lists both. Nodes register and are approved through either. Then one
 * registry is killed (SIGKILL, as a host that is gone): no tunnel is lost, and a node that registers and is
 * approved through the survivor reaches every node within two polls. Needs root and a prior
 * {@code mvn -DskipTests package} (it runs the launchers in bin/).
 */
@Tag("e2e")
class RegistryFailoverSystemTest {
    private static final int INTERVAL = 3;
    private static final Duration CONVERGENCE = Duration.ofSeconds(120);
    private static final Teardown teardown = new Teardown();
    private final SystemRun run = new SystemRun();

    @BeforeAll
    static void requireRootAndBuild() {
        Testbed.requireRoot("wireguard-go", "babeld", "ping");
    }

    @AfterAll
    static void removeEverything() {
        teardown.run();
    }

    @Test
    void killingOneOfTwoRegistriesLosesNoTunnelAndANodeApprovedThroughTheSurvivorReachesEveryNodeWithinTwoPolls() throws Exception {
        Host host = new Host(teardown);
        Launchers launchers = SystemRun.launchers();
        String prefix = "raitfo-" + ProcessHandle.current().pid();
        Path base = SystemRun.baseDirectory(teardown, prefix);

        Path config = registryConfig(base);
        DemoRegistry first = DemoRegistry.start(host, launchers, base.resolve("first"), Optional.of(config));
        DemoRegistry second = first.another(base.resolve("second"));
        assertEquals(first.signingKey(), second.signingKey(), "one signing key for both registries");
        assertEquals(first.pin(), second.pin(), "one TLS key for both registries (agents pin one)");
        String peers = first.peersUrl() + " " + second.peersUrl();
        Underlay underlay = Underlay.create(host, prefix);
        List<DemoNode> nodes = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            DemoNode node = DemoNode.create(host, launchers, underlay, prefix, n, "node" + n, base);
            // node1 and node2 register and report through the first registry, node3 and node4 through the second
            node.writeConfig(peers, first.signingKey(), (n <= 2 ? first : second).url(), INTERVAL);
            nodes.add(node);
        }
        DemoNode node1 = nodes.get(0), node2 = nodes.get(1), node3 = nodes.get(2), node4 = nodes.get(3);
        Map<String, String> environment = Map.of("RAIT_JAVA_OPTS", Demo.NODE_JVM_OPTIONS);
        run.say("registries at " + first.url() + " and " + second.url() + " on one PostgreSQL database; agents poll both every "
                + INTERVAL + " s");

        for (DemoNode node : List.of(node1, node2, node3)) {
            Host.Result registered = node.register(environment, first.pin(), Optional.empty());
            assertEquals(0, registered.status(), node.name() + ": rait register: " + registered.output());
            node.startAgent(environment, first.pin());
        }
        first.adminOrFail("approve", node1.publicKey().base64());
        second.adminOrFail("approve", node2.publicKey().base64());
        first.adminOrFail("approve", node3.publicKey().base64());
        run.passed("node1, node2 registered through the first registry, node3 through the second; approved through both");
        List<DemoNode> mesh = List.of(node1, node2, node3);
        run.awaitFullMesh(mesh, CONVERGENCE, "node1-3, each fetching from either registry");

        Map<DemoNode, List<String>> tunnels = new HashMap<>();
        Map<DemoNode, Long> marks = new HashMap<>();
        for (DemoNode node : mesh) {
            tunnels.put(node, node.tunnels().stream().sorted().toList());
            marks.put(node, Files.size(node.agentLog()));
        }
        first.kill();
        long killed = System.nanoTime();
        SystemRun.sleep(Duration.ofSeconds(3L * INTERVAL).toMillis());
        SystemRun.assertMesh(mesh, "first registry killed " + 3 * INTERVAL + " s ago");
        for (DemoNode node : mesh) {
            assertEquals(tunnels.get(node), node.tunnels().stream().sorted().toList(), node.name() + "'s tunnels after the kill");
            String log = SystemRun.since(node.agentLog(), marks.get(node));
            assertFalse(log.lines().anyMatch(l -> l.matches(".*event=(removed|recreated) .*")), node.name() + " touched a tunnel:\n" + log);
            assertTrue(log.contains("event=fetch "), node.name() + " kept fetching (from the survivor):\n" + log);
        }
        run.passed(String.format("first registry killed (SIGKILL): after %.1f s (three polls) every tunnel of node1-3 is as it was,"
                + " none removed or recreated, and every pair still pings", (System.nanoTime() - killed) / 1e9));

        Host.Result registered = node4.register(environment, second.pin(), Optional.empty());
        assertEquals(0, registered.status(), "node4: rait register through the survivor: " + registered.output());
        node4.startAgent(environment, second.pin());
        second.adminOrFail("approve", node4.publicKey().base64());
        long approved = System.nanoTime();
        List<DemoNode> all = List.of(node1, node2, node3, node4);
        Duration bound = Duration.ofSeconds(2L * INTERVAL + 2);
        SystemRun.awaitTrue(bound, () -> mesh.stream().allMatch(n -> n.tunnels().contains(n.interfaceFor(node4))),
                "node4's tunnels on node1, node2, node3");
        run.passed(String.format("node4, registered and approved through the survivor, is on every node %.1f s after the approval"
                + " (bound: two poll intervals + 2 s for the pass = %d s)", (System.nanoTime() - approved) / 1e9, bound.toSeconds()));
        run.awaitFullMesh(all, CONVERGENCE, "node4 joins node1-3 with the first registry gone");
    }

    /** registry.toml naming a fresh database on the throwaway PostgreSQL, its password in a file beside it. */
    private Path registryConfig(Path base) throws IOException {
        Optional<ThrowawayPostgres> postgres = ThrowawayPostgres.shared();
        if (postgres.isEmpty()) run.say("SKIPPED: no PostgreSQL for two registries to share: " + ThrowawayPostgres.unavailableReason());
        Assumptions.assumeTrue(postgres.isPresent(), () -> "no PostgreSQL here: " + ThrowawayPostgres.unavailableReason());
        Database.Postgresql database = (Database.Postgresql) postgres.get().freshDatabase();
        Path password = base.resolve("database.password");
        Files.writeString(password, postgres.get().password() + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Path config = base.resolve("registry.toml");
        Files.writeString(config, "database = \"" + database.address() + "\"\ndatabase_password_file = \"" + password + "\"\n");
        return config;
    }
}
