package org.rait.netlink;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@Tag("root")
class LinkEventsRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    @BeforeEach
    void needsRoot() {
        Testbed.requireRoot("ip");
    }

    private static LinkEvent next(BlockingQueue<LinkEvent> events, LinkEvent.Kind kind, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            LinkEvent event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && event.kind() == kind && event.link().map(Link::name).orElse("").equals(name)) {
                return event;
            }
        }
        return null;
    }

    @Test
    void createdAndDeletedLinksAreAnnounced() throws Exception {
        Netns ns = bed.namespace("events");
        BlockingQueue<LinkEvent> events = new LinkedBlockingQueue<>();
        try (NetworkNamespace handle = NetworkNamespace.open(ns.name());
             LinkEvents subscription = LinkEvents.subscribe(handle, events::add)) {
            ns.sh("ip link add tev0 type bridge");
            LinkEvent created = next(events, LinkEvent.Kind.NEW, "tev0");
            assertNotNull(created, "no NEW event for tev0");
            assertEquals("bridge", created.link().orElseThrow().kind());

            ns.sh("ip link del tev0");
            assertNotNull(next(events, LinkEvent.Kind.DELETED, "tev0"), "no DELETED event for tev0");
        }
    }

    @Test
    void eventsOfOtherNamespacesAreNotDelivered() throws Exception {
        Netns watched = bed.namespace("watched");
        Netns other = bed.namespace("other");
        BlockingQueue<LinkEvent> events = new LinkedBlockingQueue<>();
        List<LinkEvent> seen = new CopyOnWriteArrayList<>();
        try (NetworkNamespace handle = NetworkNamespace.open(watched.name());
             LinkEvents subscription = LinkEvents.subscribe(handle, e -> {
                 seen.add(e);
                 events.add(e);
             })) {
            other.sh("ip link add tx0 type bridge");
            watched.sh("ip link add tw1 type bridge");
            assertNotNull(next(events, LinkEvent.Kind.NEW, "tw1"));
            assertEquals(List.of(), seen.stream().filter(e -> e.link().map(Link::name).orElse("").equals("tx0")).toList());
        }
    }

    @Test
    void aBurstOfAThousandEventsWhileTheListenerIsBusyIsDeliveredWithoutLoss() throws Exception {
        Netns ns = bed.namespace("burst");
        java.nio.file.Path batch = bed.directory("burst").resolve("links.batch");
        StringBuilder commands = new StringBuilder();
        for (int i = 0; i < 500; i++) commands.append("link add tb").append(i).append(" type bridge\n");
        for (int i = 0; i < 500; i++) commands.append("link set tb").append(i).append(" mtu 1400\n");
        java.nio.file.Files.writeString(batch, commands.toString());
        java.util.concurrent.CountDownLatch burstDone = new java.util.concurrent.CountDownLatch(1);
        List<LinkEvent> seen = new CopyOnWriteArrayList<>();
        try (NetworkNamespace handle = NetworkNamespace.open(ns.name());
             LinkEvents subscription = LinkEvents.subscribe(handle, e -> {
                 // The agent's loop may be busy too: nothing is read off the socket until the burst is over.
                 try {
                     burstDone.await();
                 } catch (InterruptedException interrupted) {
                     Thread.currentThread().interrupt();
                 }
                 seen.add(e);
             })) {
            ns.sh("ip -batch " + batch);
            burstDone.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (seen.stream().filter(e -> e.link().map(l -> l.mtu() == 1400).orElse(false)).count() < 500
                    && seen.stream().noneMatch(e -> e.kind() == LinkEvent.Kind.LOST) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            System.out.println("burst: " + seen.size() + " events delivered");
            assertEquals(List.of(), seen.stream().filter(e -> e.kind() == LinkEvent.Kind.LOST).toList(), "the socket overflowed");
            assertEquals(500, seen.stream().filter(e -> e.link().map(l -> l.mtu() == 1400).orElse(false))
                    .map(e -> e.link().orElseThrow().name()).distinct().count());
        }
    }
}
