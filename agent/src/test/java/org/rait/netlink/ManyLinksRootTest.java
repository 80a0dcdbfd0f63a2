package org.rait.netlink;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Benchmark: what one pass over many interfaces costs on one reused socket. Prints figures; the only
 * assertions are about correctness (every link seen, every change counted), never about time.
 */
@Tag("root")
class ManyLinksRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();
    private static final int PAIRS = 150;
    private static final int ROUNDS = 20;

    @BeforeEach
    void needsRoot() {
        Testbed.requireRoot("ip");
    }

    @Test
    void oneSocketServesAPassOverHundredsOfLinks() {
        Netns ns = bed.namespace("many");
        try (NetworkNamespace handle = NetworkNamespace.open(ns.name()); RouteNetlink rtnl = RouteNetlink.open(handle)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < PAIRS; i++) rtnl.createLink("tml" + i, "veth");
            long createNanos = System.nanoTime() - t0;

            List<Link> links = List.of();
            t0 = System.nanoTime();
            for (int r = 0; r < ROUNDS; r++) links = rtnl.links();
            long dumpNanos = (System.nanoTime() - t0) / ROUNDS;
            assertEquals(1 + 2 * PAIRS, links.size(), "lo and both ends of every pair");

            t0 = System.nanoTime();
            for (Link link : links) rtnl.setMtu(link.index(), 1420);
            long setNanos = (System.nanoTime() - t0) / links.size();

            t0 = System.nanoTime();
            for (Link link : links) rtnl.link(link.name());
            long getNanos = (System.nanoTime() - t0) / links.size();

            assertEquals(PAIRS + links.size(), rtnl.writeRequests());
            System.out.printf("benchmark links=%d create_veth_pair_us=%d dump_links_ms=%.2f set_mtu_us=%d get_link_us=%d%n",
                    links.size(), createNanos / PAIRS / 1000, dumpNanos / 1e6, setNanos / 1000, getNanos / 1000);
        }
    }
}
