package org.rait.babeld;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.config.BabeldConfig;
import org.rait.testbed.BabeldDaemon;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * babeld sync against a real babeld 1.12 in a namespace with veth links standing in for tunnels
 * (each with an IPv6 link-local address, as babeld needs).
 */
@Tag("root")
class BabeldSyncRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    private static final List<String> PREFIXES = List.of("rait4x", "rait6x");
    private static final String EXTRA = "interface host type wireless";

    private Netns node;
    private BabeldDaemon babeld;
    private BabeldConfig config;

    @BeforeAll
    static void needsRoot() {
        Testbed.requireRoot("ip", "babeld");
    }

    @BeforeEach
    void startBabeldBesideThreeTunnels() {
        String suffix = Integer.toHexString(System.identityHashCode(this) & 0xfff);
        node = bed.namespace("node" + suffix);
        Netns far = bed.namespace("far" + suffix);
        for (String name : List.of("rait6x1001", "rait6x1002", "plain0")) {
            bed.veth(node, name, null, far, name, null);
        }
        babeld = BabeldDaemon.start(bed, node, "redistribute local deny\n");
        config = new BabeldConfig("unix", babeld.socket().toString(), BabeldConfig.DEFAULT_PARAM, EXTRA);
    }

    private BabeldStep.Result sync(Set<String> managed) {
        RaitInterfaces rait = new RaitInterfaces(new java.util.TreeSet<>(managed), Set.of("lo", "plain0"), PREFIXES);
        try (BabeldClient client = BabeldClient.connect(ControlSocket.of(config), Timeouts.DEFAULT)) {
            return BabeldStep.send(client, rait, config);
        }
    }

    private Dump dump() {
        try (BabeldClient client = BabeldClient.connect(ControlSocket.of(config), Timeouts.DEFAULT)) {
            return client.dump();
        }
    }

    /** babeld reports an interface up once its link-local address is usable (after DAD). */
    private BabeldInterface awaitUp(String name) {
        long start = System.nanoTime();
        while (true) {
            BabeldInterface found = dump().interfaces().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
            if (found.up()) {
                System.out.printf("babeld reported %s up after %d ms%n", name, (System.nanoTime() - start) / 1_000_000);
                return found;
            }
            if (System.nanoTime() - start > 30_000_000_000L) {
                throw new AssertionError(name + " not up in babeld after 30 s: " + found + "\n" + babeld.log());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void syncAddsEveryManagedInterfaceAndBabeldRunsOnIt() {
        BabeldStep.Result outcome = sync(Set.of("rait6x1001", "rait6x1002"));

        assertFalse(outcome.failed(), () -> outcome + "\n" + babeld.log());
        assertTrue(outcome.changedInterfaces());
        assertEquals(Set.of(BabeldDaemon.PLACEHOLDER, "rait6x1001", "rait6x1002", "host"),
                Set.copyOf(dump().interfaceNames()));
        BabeldInterface tunnel = awaitUp("rait6x1001");
        assertTrue(tunnel.ipv6().orElseThrow().startsWith("fe80:"), tunnel.toString());
    }

    @Test
    void secondSyncWithNothingChangedSendsOnlyTheExtraCommand() {
        sync(Set.of("rait6x1001", "rait6x1002"));
        List<String> before = dump().interfaceNames();

        BabeldStep.Result second = sync(Set.of("rait6x1001", "rait6x1002"));

        assertEquals(List.of(new StepResult(new SyncStep.ExtraCommand(EXTRA), new Reply.Ok(List.of()))), second.sent());
        assertFalse(second.changedInterfaces());
        assertEquals(before, dump().interfaceNames());
    }

    @Test
    void anInterfaceRaitNoLongerManagesIsFlushedAndTheOthersStay() {
        sync(Set.of("rait6x1001", "rait6x1002"));
        node.sh("ip link del rait6x1002");

        BabeldStep.Result outcome = sync(Set.of("rait6x1001"));

        assertFalse(outcome.failed(), outcome::toString);
        assertEquals(List.of("flush interface rait6x1002", EXTRA),
                outcome.sent().stream().map(r -> r.step().command()).toList());
        assertEquals(Set.of(BabeldDaemon.PLACEHOLDER, "rait6x1001", "host"), Set.copyOf(dump().interfaceNames()));
    }

    @Test
    void interfacesBabeldRunsOnThatRaitDoesNotManageStay() {
        try (BabeldClient client = BabeldClient.connect(ControlSocket.of(config), Timeouts.DEFAULT)) {
            assertEquals(new Reply.Ok(List.of()), client.send("interface plain0 type wired"));
        }

        BabeldStep.Result outcome = sync(Set.of());

        assertFalse(outcome.failed(), outcome::toString);
        assertFalse(outcome.changedInterfaces());
        assertTrue(dump().interfaceNames().containsAll(List.of("plain0", BabeldDaemon.PLACEHOLDER, "host")));
    }
}
