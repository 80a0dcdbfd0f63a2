package org.rait.netlink;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.demo.Host;
import org.rait.testbed.Testbed;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("root")
class NetworkNamespaceRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    @BeforeEach
    void needsRoot() {
        Testbed.requireRoot("ip");
    }

    /** A name unique to this run that the Testbed sweeps if this JVM dies before deleting it. */
    private static String uniqueName(String shortName) {
        return bed.runId() + "-" + shortName;
    }

    private static String readlinkOfThread(NetworkNamespace ns) throws Exception {
        return ns.call(() -> Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString());
    }

    @Test
    void openOrCreateMakesANamespaceThatIpNetnsSeesAndDeleteRemovesIt() throws Exception {
        String name = uniqueName("made");
        try (NetworkNamespace ns = NetworkNamespace.openOrCreate(name)) {
            assertEquals(name, ns.name());
            assertTrue(Host.run("ip", "netns", "list").contains(name));
            // the second opinion: a command run by iproute2 in it sees only a loopback
            String links = Host.run("ip", "-n", name, "-o", "link", "show");
            assertEquals(1, links.lines().count(), links);
            try (NetworkNamespace again = NetworkNamespace.open(name)) {
                assertTrue(NetworkNamespace.same(ns, again));
            }
        } finally {
            if (Files.exists(Path.of("/run/netns", name))) NetworkNamespace.delete(name);
        }
        assertFalse(Host.run("ip", "netns", "list").contains(name));
    }

    @Test
    void openOrCreateOpensAnExistingNamespaceWithoutRecreatingIt() throws Exception {
        var existing = bed.namespace("kept");
        existing.sh("ip link add keepme type bridge");
        try (NetworkNamespace ns = NetworkNamespace.openOrCreate(existing.name());
             RouteNetlink rtnl = RouteNetlink.open(ns)) {
            assertTrue(rtnl.link("keepme").isPresent());
        }
    }

    @Test
    void openingAMissingNamespaceSaysWhichOne() {
        String name = uniqueName("absent");
        NamespaceException e = assertThrows(NamespaceException.class, () -> NetworkNamespace.open(name));
        assertTrue(e.getMessage().contains("\"" + name + "\" does not exist"), e.getMessage());
    }

    @Test
    void callRunsInsideTheNamespaceAndLeavesTheCallersThreadWhereItWas() throws Exception {
        var testNs = bed.namespace("call");
        String before = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
        try (NetworkNamespace ns = NetworkNamespace.open(testNs.name());
             NetworkNamespace current = NetworkNamespace.current()) {
            String inside = readlinkOfThread(ns);
            assertNotEquals(before, inside);
            assertEquals(before, readlinkOfThread(current));
            assertFalse(NetworkNamespace.same(ns, current));
        }
        assertEquals(before, Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString());
    }

    @Test
    void namespaceOfAPidIsTheOneThatProcessRunsIn() throws Exception {
        var testNs = bed.namespace("pid");
        Process sleeper = bed.start(testNs.exec(java.util.List.of("sleep", "30")), null);
        // `ip netns exec` enters the namespace before it execs sleep; wait for that
        try (NetworkNamespace byName = NetworkNamespace.open(testNs.name())) {
            for (int i = 0; i < 50; i++) {
                try (NetworkNamespace byPid = NetworkNamespace.ofPid(sleeper.pid())) {
                    if (NetworkNamespace.same(byName, byPid)) return;
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the namespace of pid " + sleeper.pid() + " never became " + testNs.name());
    }

    @Test
    void deletingAMissingNamespaceSaysSo() {
        String name = uniqueName("gone");
        NamespaceException e = assertThrows(NamespaceException.class, () -> NetworkNamespace.delete(name));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void namesWithSlashesAreRefused() {
        assertThrows(NamespaceException.class, () -> NetworkNamespace.open("../etc"));
    }
}
