package org.rait.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.config.AgentSettings;
import org.rait.log.EventLog;
import org.rait.netlink.KernelRequests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The running agent uses what it knows: link events keep its observation current, so a pass with nothing new reads
 * nothing from the kernel, a +1 peer pass reads back only what it made, its own writes are never drift, and what
 * link events cannot tell (`wg set`) is read again at the safety interval.
 */
class AgentKnowledgeTest {
    @TempDir
    Path dir;

    private Path peersFile;

    private Node node(int observeInterval) {
        peersFile = dir.resolve("peers.conf");
        AgentSettings settings = new AgentSettings(List.of(), true, dir.resolve("state").toString(), 60, 0.5, "", "", false, "",
                true, 60, observeInterval);
        Node node = new Node(Node.config(peersFile.toString(), settings), dir.resolve("state"), new FakeTunnels());
        node.tunnels.announceTo(node.agent.pass()::heard);
        node.agent.pass().listening(true);
        return node;
    }

    private void peers(int count) throws IOException {
        Files.write(peersFile, Registry.body(Registry.peers(IntStream.rangeClosed(1, count).toArray())));
    }

    @Test
    void aQuietPassWithNoEventSinceTheLastObservationMakesNoKernelReadAndOpensNothing() throws IOException {
        try (Node n = node(300)) {
            peers(3);
            assertTrue(n.pass().applied());
            int reads = n.tunnels.reads();
            int sessions = n.tunnels.sessions();
            int writes = n.tunnels.writes();

            PassReport quiet = n.pass();

            assertTrue(quiet.applied(), quiet.toString());
            assertEquals("ok=3 changed=0 failed=0 removed=0", quiet.line().orElseThrow());
            assertEquals(reads, n.tunnels.reads(), "no link dump, no address dump, no device read");
            assertEquals(sessions, n.tunnels.sessions(), "no run lock taken, no namespace opened");
            assertEquals(writes, n.tunnels.writes(), "no kernel write");
            assertTrue(n.log().contains("event=recap news=unchanged serial=unsigned ok=3 changed=0 failed=0 removed=0 observed=known"
                    + " kernel_requests=0 duration_ms="), n.log());
        }
    }

    @Test
    void aPassWithOneMorePeerReadsBackOnlyTheInterfaceItMadeHoweverManyThereAre() throws IOException {
        try (Node n = node(300)) {
            peers(30);
            assertTrue(n.pass().applied());
            int reads = n.tunnels.reads();
            int writes = n.tunnels.writes();

            peers(31);
            PassReport plusOne = n.pass();

            assertEquals("ok=31 changed=1 failed=0 removed=0", plusOne.line().orElseThrow());
            assertEquals(1, n.tunnels.writes() - writes);
            assertEquals(3, n.tunnels.reads() - reads, "one link dump, one address dump, the new interface's device");
            assertFalse(n.agent.pass().drifted(), "the events of its own create agree with what it read back");
            assertEquals(reads + 3, n.tunnels.reads());
            n.pass();
            assertEquals(reads + 3, n.tunnels.reads(), "and the next quiet pass reads nothing");
        }
    }

    @Test
    void aPassCountsTheKernelRequestsItMadeNotThoseOfAMetricsScrapeRunningMeanwhile() throws Exception {
        try (Node n = node(300)) {
            peers(3);
            assertTrue(n.pass().applied());
            n.tunnels.whileApplying(() -> {
                KernelRequests.sent(5);
                // A scrape reads every tunnel's device, on the metrics server's thread, while the pass applies.
                Thread scrape = new Thread(() -> KernelRequests.sent(200), "scrape");
                scrape.start();
                try {
                    scrape.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            peers(4);
            n.pass();

            String plusOne = n.log().lines().filter(l -> l.contains("event=recap news=fresh") && l.contains(" changed=1 "))
                    .findFirst().orElseThrow();
            assertTrue(plusOne.contains(" kernel_requests=5 "), plusOne);
        }
    }

    @Test
    void anInterfaceSetDownByHandIsNewsAndItsRepairReadsTheDeviceOfThatOneOnly() throws IOException {
        try (Node n = node(300)) {
            peers(10);
            assertTrue(n.pass().applied());
            String ifname = n.tunnels.ifnames().get(4);
            int reads = n.tunnels.reads();

            n.tunnels.setDownByHand(ifname);
            assertTrue(n.agent.pass().drifted());
            PassReport repair = n.agent.pass().repair();

            assertEquals(PassReport.News.DRIFT, repair.news());
            assertEquals("ok=10 changed=1 failed=0 removed=0", repair.line().orElseThrow());
            assertEquals(6, n.tunnels.reads() - reads, "observe: 2 dumps + that device; read-back: 2 dumps + that device");
            assertFalse(n.agent.pass().drifted());
            assertTrue(n.log().contains("event=recap news=drift") && n.log().contains("observed=partial"), n.log());
        }
    }

    @Test
    void aListenPortChangedWithWgSetMakesNoEventAndIsPutBackAtTheSafetyInterval() throws Exception {
        try (Node n = node(1)) {
            peers(3);
            assertTrue(n.pass().applied());
            String ifname = n.tunnels.ifnames().get(0);

            n.tunnels.setListenPortByHand(ifname, 40123);
            PassReport blind = n.pass();
            assertEquals(0, blind.recap().orElseThrow().changed(), "no link event: within the safety interval it is not seen");

            Thread.sleep(1100);
            PassReport full = n.pass();

            assertEquals("ok=3 changed=1 failed=0 removed=0", full.line().orElseThrow(), "read everything again, and put it back");
            assertTrue(n.log().contains("observed=full"), n.log());
            assertEquals(0, n.pass().recap().orElseThrow().changed());
        }
    }

    @Test
    void withoutLinkEventsEveryPassReadsTheKernelAsAOneShotDoes() throws IOException {
        try (Node n = node(300)) {
            n.agent.pass().listening(false);
            peers(3);
            assertTrue(n.pass().applied());
            int reads = n.tunnels.reads();

            n.pass();

            assertEquals(2 + 3, n.tunnels.reads() - reads, "both dumps and every device");
        }
    }

    @Test
    void afterTheAgentsOwnApplyNoDriftPassFollowsButADeletionByHandIsRepaired() throws Exception {
        try (Node n = node(300)) {
            peers(3);
            // Fetching passes 1.5 s apart, repairs 50 ms after an event: a repair comes long before the next fetch.
            AgentLoop loop = new AgentLoop(n.agent.pass(), n.agent.trust(), Duration.ofMillis(1500), 0.0, Duration.ofMillis(50),
                    EventLog.quiet());
            n.tunnels.announceTo(loop::linkChanged);
            List<PassReport> heard = new CopyOnWriteArrayList<>();
            loop.afterEachPass(heard::add);
            Thread agent = new Thread(loop::run, "agent-under-test");
            agent.start();
            try {
                awaitTrue(() -> n.tunnels.peerNames().size() == 3, "the first pass");
                peers(4);
                awaitTrue(() -> n.tunnels.peerNames().size() == 4, "the +1 peer pass");
                int passes = heard.size();
                awaitTrue(() -> heard.size() >= passes + 1, "one more fetching pass (well past the debounce)");

                assertTrue(heard.stream().noneMatch(r -> r.news() == PassReport.News.DRIFT),
                        "the events of its own writes started no repair: " + heard);

                int before = heard.size();
                awaitTrue(() -> heard.size() > before, "a fetching pass just ended");
                n.tunnels.deleteByHand("node2");
                awaitTrue(() -> heard.stream().anyMatch(r -> r.news() == PassReport.News.DRIFT), "a repair pass");
                awaitTrue(() -> n.tunnels.peerNames().equals(Set.of("node1", "node2", "node3", "node4")), "node2 put back");
            } finally {
                loop.stop();
                agent.join(5000);
            }
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(10);
        }
    }
}
