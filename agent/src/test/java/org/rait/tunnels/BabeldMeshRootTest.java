package org.rait.tunnels;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.babeld.BabeldClient;
import org.rait.babeld.ControlSocket;
import org.rait.babeld.Timeouts;
import org.rait.demo.Host;
import org.rait.testbed.BabeldDaemon;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reason for one interface per peer: three nodes with real wireguard-go tunnels made by `rait up`
 * and a real babeld per node (own control socket) that `rait up` keeps in step with the tunnels; the nodes
 * share the host's default runtime_dir, as several instances on one host would. Every
 * node announces a loopback address (fd99::N/128 and 10.99.0.N/32 on lo of its target namespace);
 * IPv4 is routed via IPv6 next hops, the tunnels have no IPv4 addresses. The steps build on each other.
 *
 * <p>The babeld param is the default with a 1 s hello interval instead of 20 s, so that losing a link
 * is noticed in seconds; the times the test measures are printed, not asserted (only a generous upper
 * bound after which it gives up).
 */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BabeldMeshRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    private static final String PARAM = "type tunnel link-quality true split-horizon false rxcost 32 hello-interval 1"
            + " max-rtt-penalty 1024 rtt-max 1024";
    private static final String BABELD_CONF = """
            redistribute local ip fd99::/16 le 128 allow
            redistribute local ip 10.99.0.0/16 le 32 allow
            redistribute local deny
            """;
    private static final long GIVE_UP_MS = 120_000;

    private Mesh mesh;
    private final Map<Integer, BabeldDaemon> babelds = new HashMap<>();
    private final Map<Integer, Mesh.Run> firstUp = new HashMap<>();

    @BeforeAll
    void meshWithBabeldOnEveryNode() throws IOException {
        Testbed.requireRoot("wireguard-go", "babeld", "ping", "bash", "nft");
        mesh = Mesh.onTheDefaultRuntimeDir(bed, 3);
        for (SimulatedNode node : mesh.nodes) {
            // The target namespace is made here so that babeld can run in it before rait's first pass.
            Host.run("ip", "netns", "add", node.target());
            Netns target = new Netns(node.target());
            target.sh("ip link set lo up"
                    + " && ip addr add fd99::" + node.number() + "/128 dev lo"
                    + " && ip addr add 10.99.0." + node.number() + "/32 dev lo"
                    + " && sysctl -qw net.ipv6.conf.all.forwarding=1 net.ipv4.ip_forward=1"
                    + " net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0");
            BabeldDaemon babeld = BabeldDaemon.start(bed, target, BABELD_CONF);
            babelds.put(node.number(), babeld);
            Files.writeString(node.config(), String.join("\n",
                    "babeld {",
                    "socket_type = \"unix\"",
                    "socket_addr = \"" + babeld.socket() + "\"",
                    "param = \"" + PARAM + "\"",
                    "}",
                    ""), StandardOpenOption.APPEND);
        }
        for (SimulatedNode node : mesh.nodes) {
            firstUp.put(node.number(), Mesh.rait(node, "up"));
        }
    }

    private static String fd99(SimulatedNode node) {
        return "fd99::" + node.number();
    }

    private static String v4(SimulatedNode node) {
        return "10.99.0." + node.number();
    }

    /** The interface the kernel of {@code from} sends to {@code address} on (babeld's installed route). */
    private static String routeDevice(SimulatedNode from, String address) {
        Host.Result r = from.inTarget("ip route get " + address);
        if (!r.ok()) return "";
        String[] words = r.output().trim().split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("dev")) return words[i + 1];
        }
        return "";
    }

    private static Set<String> tunnelsBetween(SimulatedNode from, SimulatedNode to) {
        return Set.of(from.ip4Interface(to), from.ip6Interface(to));
    }

    private static boolean pings(SimulatedNode from, SimulatedNode to) {
        return from.inTarget("ping -6 -c1 -W1 -I " + fd99(from) + " " + fd99(to)).ok()
                && from.inTarget("ping -4 -c1 -W1 -I " + v4(from) + " " + v4(to)).ok();
    }

    /** Polls until the condition holds; returns the milliseconds it took, or fails after the upper bound. */
    private long await(String what, BooleanSupplier condition) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (elapsed > GIVE_UP_MS) {
                throw new AssertionError("gave up after " + elapsed + " ms waiting for " + what + "\n" + state());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Routes and babeld's view on every node, for a failure message. */
    private String state() {
        StringBuilder text = new StringBuilder();
        for (SimulatedNode node : mesh.nodes) {
            text.append("--- node ").append(node.number()).append('\n')
                    .append(node.inTarget("ip -6 route show proto babel; ip -4 route show proto babel").output());
            try (BabeldClient client = BabeldClient.connect(new ControlSocket.Unix(babelds.get(node.number()).socket()),
                    Timeouts.DEFAULT)) {
                client.dump().neighbours().forEach(n -> text.append(n).append('\n'));
            } catch (RuntimeException e) {
                text.append("babeld: ").append(e.getMessage()).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * Drops, in {@code from}'s transit namespace, every packet to or from {@code to}'s underlay addresses.
     * A blackhole route is not enough: wireguard-go's sticky sockets send with an explicit output
     * interface, which the kernel honours over a blackhole route.
     */
    private static void cutUnderlay(SimulatedNode from, SimulatedNode to) {
        from.transit().sh("nft add table inet raitcut"
                + " && nft add chain inet raitcut out '{ type filter hook output priority 0; }'"
                + " && nft add chain inet raitcut in '{ type filter hook input priority 0; }'"
                + " && nft add rule inet raitcut out ip daddr " + to.ip4() + " drop"
                + " && nft add rule inet raitcut out ip6 daddr " + to.ip6() + " drop"
                + " && nft add rule inet raitcut in ip saddr " + to.ip4() + " drop"
                + " && nft add rule inet raitcut in ip6 saddr " + to.ip6() + " drop");
    }

    @Test
    @Order(1)
    void upSyncsBabeldAndSaysSoInTheRecap() {
        for (SimulatedNode node : mesh.nodes) {
            Mesh.Run run = firstUp.get(node.number());
            assertEquals(0, run.status(), "node " + node.number() + ": " + run + "\n" + babelds.get(node.number()).log());
            assertTrue(run.out().strip().endsWith("ok=4 changed=4 failed=0 removed=0 babeld=synced"), run.out());
        }
    }

    @Test
    @Order(2)
    void everyNodeLearnsEveryOtherLoopbackOverTheDirectTunnel() {
        long ms = await("routes over the direct tunnels on every node", () -> mesh.nodes.stream().allMatch(from ->
                mesh.nodes.stream().filter(to -> to != from).allMatch(to ->
                        tunnelsBetween(from, to).contains(routeDevice(from, fd99(to)))
                                && tunnelsBetween(from, to).contains(routeDevice(from, v4(to))))));
        System.out.printf("babeld: direct routes to all loopbacks (IPv6 and IPv4 via IPv6) on 3 nodes after %d ms%n", ms);

        for (SimulatedNode from : mesh.nodes) {
            String v4Route = from.inTarget("ip -4 route show " + v4(mesh.node(from.number() % 3 + 1))).output();
            assertTrue(v4Route.contains("via inet6 fe80:") && v4Route.contains("proto babel"), v4Route);
            for (SimulatedNode to : mesh.nodes) {
                if (to != from) assertTrue(pings(from, to), "ping " + from.number() + " -> " + to.number());
            }
        }
    }

    @Test
    @Order(3)
    void secondUpWithNothingChangedLeavesBabeldAlone() {
        for (SimulatedNode node : mesh.nodes) {
            Mesh.Run run = Mesh.rait(node, "up");
            assertEquals(0, run.status(), run.toString());
            assertTrue(run.out().strip().endsWith("ok=4 changed=0 failed=0 removed=0 babeld=synced"), run.out());
            assertTrue(run.err().lines().noneMatch(l -> l.contains(" event=babeld action=add")
                    || l.contains(" event=babeld action=flush")), run.err());
        }
    }

    @Test
    @Order(4)
    void whenTheUnderlayBetweenNodes1And3IsCutTrafficFlowsThroughNode2() {
        SimulatedNode one = mesh.node(1);
        SimulatedNode two = mesh.node(2);
        SimulatedNode three = mesh.node(3);
        cutUnderlay(one, three);
        cutUnderlay(three, one);
        long cut = System.nanoTime();

        long ms = await("node 1 to reach node 3 through node 2", () ->
                tunnelsBetween(one, two).contains(routeDevice(one, fd99(three)))
                        && tunnelsBetween(one, two).contains(routeDevice(one, v4(three)))
                        && pings(one, three));
        System.out.printf("babeld: after cutting the 1-3 underlay, 1 -> 3 flows through node 2 after %d ms%n", ms);

        assertTrue(tunnelsBetween(three, two).contains(routeDevice(three, fd99(one))),
                "the way back goes through node 2 too: " + routeDevice(three, fd99(one)));
        assertTrue((System.nanoTime() - cut) / 1_000_000 >= ms);
        List<String> hops = List.of(routeDevice(one, fd99(three)), routeDevice(two, fd99(three)));
        assertTrue(tunnelsBetween(two, three).contains(hops.get(1)), "node 2 forwards over its tunnel to 3: " + hops);
    }

    @Test
    @Order(5)
    void removingAPeerFlushesItsTunnelsFromBabeldInTheSamePass() throws IOException {
        SimulatedNode one = mesh.node(1);
        SimulatedNode three = mesh.node(3);
        mesh.writePeers(List.of(one, mesh.node(2)));

        Mesh.Run run = Mesh.rait(one, "up");

        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().strip().endsWith("ok=2 changed=0 failed=0 removed=2 babeld=synced"), run.out());
        for (String gone : List.of(one.ip4Interface(three), one.ip6Interface(three))) {
            assertTrue(run.err().contains("event=babeld action=flush interface=" + gone + " result=ok\n"), run.err());
        }
        try (BabeldClient client = BabeldClient.connect(new ControlSocket.Unix(babelds.get(1).socket()), Timeouts.DEFAULT)) {
            assertEquals(Set.of(BabeldDaemon.PLACEHOLDER, one.ip4Interface(mesh.node(2)), one.ip6Interface(mesh.node(2))),
                    Set.copyOf(client.dump().interfaceNames()));
        }
    }
}
