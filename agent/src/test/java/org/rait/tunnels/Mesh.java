package org.rait.tunnels;

import org.rait.cli.Main;
import org.rait.config.RaitConfig;
import org.rait.demo.Host;
import org.rait.demo.Underlay;
import org.rait.keys.X25519;
import org.rait.plan.LinkLocalAddress;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;
import org.rait.testing.ConsoleRun;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * N simulated nodes on the demo's underlay ({@link Underlay}: every transit namespace has a veth into a hub
 * namespace where a bridge joins them, with 10.54.0.N/24 and fd54::N/64). One peers.conf lists every node.
 */
final class Mesh {
    final List<SimulatedNode> nodes = new ArrayList<>();
    final Path peers;

    /** What one `rait` run printed and returned. */
    record Run(int status, String out, String err) {
    }

    /** Every node with a runtime directory of its own; all with the ifprefixes r4x and r6x. */
    Mesh(Testbed bed, int size) throws IOException {
        this(bed, size, false, false);
    }

    /**
     * The way an operator runs several instances on one host, the README's shape: rait.conf files that
     * differ only in keys, ports, ifprefixes (ra4x, rb4x, ...) and namespaces, all on the default runtime_dir.
     * What rait leaves there for the nodes' namespaces is removed at cleanup, also when a test failed.
     */
    static Mesh onTheDefaultRuntimeDir(Testbed bed, int size) throws IOException {
        return new Mesh(bed, size, true, true);
    }

    /**
     * As {@link #onTheDefaultRuntimeDir} but every node with the ifprefixes r4x and r6x: with three nodes,
     * nodes 1 and 2 both have an r4x50003 (in their own target namespaces).
     */
    static Mesh onTheDefaultRuntimeDirWithTheSameIfprefixes(Testbed bed, int size) throws IOException {
        return new Mesh(bed, size, true, false);
    }

    private Mesh(Testbed bed, int size, boolean defaultRuntimeDir, boolean ifprefixPerNode) throws IOException {
        Underlay underlay = bed.underlay();
        Path shared = bed.directory("mesh");
        peers = shared.resolve("peers.conf");
        for (int n = 1; n <= size; n++) {
            Netns transit = new Netns(underlay.attach(n));
            Path own = bed.directory("rt" + n);
            Path runtime = defaultRuntimeDir ? Path.of(RaitConfig.DEFAULT_RUNTIME_DIR) : own;
            String ifprefix = ifprefixPerNode ? "r" + (char) ('a' + n - 1) : "r";
            SimulatedNode node = new SimulatedNode(n, X25519.generatePrivateKey(), transit,
                    bed.reserveNamespace("g" + n), ifprefix, runtime, own.resolve("rait.conf"));
            // spelled out rather than taken from the code under test: cleanup must never reach beyond this run's names
            if (defaultRuntimeDir) bed.removeAtCleanup(runtime.resolve("wireguard").resolve("netns").resolve(node.target()));
            nodes.add(node);
        }
        writePeers(nodes);
        for (SimulatedNode node : nodes) node.writeConfig(peers);
    }

    SimulatedNode node(int number) {
        return nodes.get(number - 1);
    }

    void writePeers(List<SimulatedNode> listed) throws IOException {
        StringBuilder text = new StringBuilder("# shared peers.conf of the test mesh\n");
        listed.forEach(n -> text.append(n.peersEntry()));
        Files.writeString(peers, text.toString());
    }

    /** Runs rait in-process with this node's rait.conf, capturing what it prints (and echoing it, indented). */
    static Run rait(SimulatedNode node, String... args) {
        List<String> full = new ArrayList<>(List.of(args));
        full.add("-c");
        full.add(node.config().toString());
        ConsoleRun run = ConsoleRun.capture("", () -> Main.run(full.toArray(String[]::new)));
        System.out.print(run.out().indent(4));
        System.out.print(run.err().indent(4));
        return new Run(run.status(), run.out(), run.err());
    }

    /**
     * Runs rait as its own JVM inside the node's transit namespace, for configurations whose transit is
     * "" (the namespace rait runs in). Same classpath as the tests. nsenter, not `ip netns exec`: the
     * latter gives a private mount namespace, where a target namespace rait creates would stay invisible.
     */
    static Run raitProcess(SimulatedNode node, String... args) {
        Host.Result result = Host.exec(raitProcessCommand(node, args));
        System.out.print(result.output().indent(4));
        return new Run(result.status(), result.output(), result.output());
    }

    /** The command line {@link #raitProcess} runs, for a test that starts (and perhaps kills) it itself. */
    static List<String> raitProcessCommand(SimulatedNode node, String... args) {
        List<String> command = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + node.transit().name(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // the test JVM's own flags: in the emulated VM these are the lean ones that keep a start short
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.rait.cli.Main"));
        command.addAll(List.of(args));
        command.addAll(List.of("-c", node.config().toString()));
        return command;
    }

    void upEverywhere() {
        for (SimulatedNode node : nodes) {
            Run run = rait(node, "up");
            if (run.status() != 0) throw new AssertionError("rait up on node " + node.number() + " -> " + run);
        }
    }

    /** ping6 over both tunnels (ip4 and ip6 underlay) of every ordered pair of nodes; what failed, a line each. */
    List<String> pingFailuresOverEveryTunnel() {
        List<String> failures = new ArrayList<>();
        for (SimulatedNode a : nodes) {
            for (SimulatedNode b : nodes) {
                if (a == b) continue;
                for (String ifname : List.of(a.ip4Interface(b), a.ip6Interface(b))) {
                    Host.Result r = ping(a, b, ifname);
                    if (!r.ok()) failures.add("node" + a.number() + " -> node" + b.number() + " over " + ifname + ": " + r.output());
                }
            }
        }
        return failures;
    }

    /**
     * Node 3 dropped from peers.conf: `rait up` on node 1 removes exactly node 1's two interfaces for it.
     * peers.conf is restored afterwards.
     */
    void assertRemovingAPeerRemovesExactlyItsInterfaces() throws IOException {
        SimulatedNode node = node(1);
        List<String> before = node.managedLinks();
        writePeers(List.of(node(1), node(2)));

        Run run = rait(node, "up");

        if (!run.out().contains("removed=2")) throw new AssertionError("expected removed=2:\n" + run.out());
        List<String> expected = new ArrayList<>(before);
        expected.remove(node.ip4Interface(node(3)));
        expected.remove(node.ip6Interface(node(3)));
        List<String> after = node.managedLinks().stream().sorted().toList();
        if (!expected.stream().sorted().toList().equals(after)) {
            throw new AssertionError("expected " + expected.stream().sorted().toList() + " but found " + after);
        }
        writePeers(nodes);
    }

    /**
     * What wg (the second opinion) shows on every tunnel: listen port = the peer's send port, fwmark 54, the
     * peer's key, endpoint = the peer's address and our send port, allowed IPs everything.
     *
     * @param dumpOf a node's `wg show all dump`, parsed by {@link SimulatedNode#parseDump}
     */
    void assertWgShowsListenPortsEndpointsAndFwmark(Function<SimulatedNode, Map<String, List<String[]>>> dumpOf) {
        for (SimulatedNode node : nodes) {
            Map<String, List<String[]>> dump = dumpOf.apply(node);
            for (SimulatedNode peer : nodes) {
                if (peer == node) continue;
                // interface line: private-key public-key listen-port fwmark; peer line: key psk endpoint allowed-ips ...
                List<String[]> ip4 = dump.get(node.ip4Interface(peer));
                assertEquals(String.valueOf(peer.ip4SendPort()), ip4.get(0)[2], "listen port of " + node.ip4Interface(peer));
                assertEquals("0x36", ip4.get(0)[3], "fwmark 54");
                assertEquals(peer.publicKey().base64(), ip4.get(1)[0]);
                assertEquals(peer.ip4() + ":" + node.ip4SendPort(), ip4.get(1)[2], "endpoint: peer address, our send port");
                assertEquals("0.0.0.0/0,::/0", ip4.get(1)[3]);

                List<String[]> ip6 = dump.get(node.ip6Interface(peer));
                assertEquals(String.valueOf(peer.ip6SendPort()), ip6.get(0)[2]);
                assertEquals("[" + peer.ip6() + "]:" + node.ip6SendPort(), ip6.get(1)[2]);
            }
        }
    }

    /** `rait up` on every node again: every interface ok, nothing changed, no kernel write. */
    void assertSecondUpChangesNothing() {
        int interfaces = 2 * (nodes.size() - 1);
        for (SimulatedNode node : nodes) {
            Run run = rait(node, "up", "--debug");
            if (run.status() != 0 || !run.out().contains("ok=" + interfaces + " changed=0 failed=0 removed=0")
                    || !run.err().contains("event=writes count=0")) {
                throw new AssertionError("second up on node " + node.number() + " was not a no-op:\n" + run.out() + run.err());
            }
        }
    }

    /**
     * ping6 from a to b over a's interface for b, to b's link-local address for a. Retried briefly:
     * the first packet waits for the handshake and for DAD on the fresh address.
     */
    static Host.Result ping(SimulatedNode a, SimulatedNode b, String ifname) {
        String address = LinkLocalAddress.of(b.publicKey(), a.publicKey()).getHostAddress();
        Host.Result last = null;
        // WireGuard retries a lost handshake initiation every 5 s: 20 one-second pings allow three retries,
        // which the VM's emulated CPU needed once in CI (one tunnel of twelve silent for 10 s).
        for (int attempt = 0; attempt < 20; attempt++) {
            last = a.inTarget("ping -6 -c1 -W1 " + address + "%" + ifname);
            if (last.ok()) return last;
        }
        return last;
    }
}
