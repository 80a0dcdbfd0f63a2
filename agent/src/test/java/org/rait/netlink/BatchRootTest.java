package org.rait.netlink;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batched requests, settings in one message, links made elsewhere: real kernel, `ip` as second opinion. */
@Tag("root")
class BatchRootTest {
    private static final LinkSettings RAIT = new LinkSettings(1420, 54, true);

    @RegisterExtension
    static final Testbed bed = new Testbed();

    @BeforeEach
    void needsRoot() {
        Testbed.requireRoot("ip");
    }

    private static Set<String> names(RouteNetlink rtnl) {
        return rtnl.links().stream().map(Link::name).collect(Collectors.toSet());
    }

    @Test
    void aBatchAnswersEveryRequestInOrderAndARefusalStopsNoOther() {
        Netns ns = bed.namespace("batch");
        ns.sh("ip link add bt1 type veth peer name bp1");
        try (NetworkNamespace handle = NetworkNamespace.open(ns.name()); RouteNetlink rtnl = RouteNetlink.open(handle)) {
            List<Outcome> outcomes = rtnl.batch(List.of(
                    RtnetlinkRequests.createLink("bt0", "veth"),
                    RtnetlinkRequests.createLink("bt1", "veth"),
                    RtnetlinkRequests.createLink("bt2", "veth")));

            assertNull(outcomes.get(0).error());
            assertEquals(Errno.EEXIST, outcomes.get(1).error().errno());
            assertTrue(outcomes.get(1).error().getMessage().startsWith("RTM_NEWLINK name=bt1 kind=veth failed: EEXIST"),
                    outcomes.get(1).error().getMessage());
            assertNull(outcomes.get(2).error());
            assertTrue(names(rtnl).containsAll(Set.of("bt0", "bt1", "bt2")));
            assertEquals(3, rtnl.writeRequests());
        }
    }

    @Test
    void aBatchLongerThanTheWindowIsAnsweredInFull() {
        Netns ns = bed.namespace("window");
        ns.sh("ip link add bw0 type veth peer name bwp0");
        try (NetworkNamespace handle = NetworkNamespace.open(ns.name()); RouteNetlink rtnl = RouteNetlink.open(handle)) {
            int index = rtnl.link("bw0").orElseThrow().index();
            List<NetlinkRequest> requests = new ArrayList<>();
            for (int i = 0; i < 5 * NetlinkSocket.IN_FLIGHT + 3; i++) {
                requests.add(RtnetlinkRequests.setMtu(index, 1300 + i, "bw0"));
            }
            List<Outcome> outcomes = rtnl.batch(requests);

            assertEquals(requests.size(), outcomes.size());
            assertTrue(outcomes.stream().noneMatch(Outcome::failed));
            assertEquals(1300 + requests.size() - 1, rtnl.link("bw0").orElseThrow().mtu(), "applied in order");
        }
    }

    @Test
    void settingsOfAnExistingLinkAreOneRequest() {
        Netns ns = bed.namespace("setlink");
        ns.sh("ip link add bl0 type veth peer name blp0");
        try (NetworkNamespace handle = NetworkNamespace.open(ns.name()); RouteNetlink rtnl = RouteNetlink.open(handle)) {
            int index = rtnl.link("bl0").orElseThrow().index();
            rtnl.setLink(index, RAIT);

            assertEquals(new Link(index, "bl0", "veth", 54, 1420, false, 0, Link.ADDR_GEN_MODE_NONE), rtnl.link("bl0").orElseThrow());
            assertEquals(1, rtnl.writeRequests());
        }
    }

    @Test
    void aLinkCreatedWithAnotherNamespaceAppearsThereOnly() {
        Netns here = bed.namespace("from");
        Netns there = bed.namespace("to");
        try (NetworkNamespace from = NetworkNamespace.open(here.name()); NetworkNamespace to = NetworkNamespace.open(there.name());
             RouteNetlink rtnl = RouteNetlink.open(from); RouteNetlink target = RouteNetlink.open(to)) {
            rtnl.createLink("bm0", "veth", to);

            assertTrue(rtnl.link("bm0").isEmpty());
            assertTrue(target.link("bm0").isPresent());
            assertTrue(there.sh("ip -o link show bm0").contains("bm0"));
            assertEquals(1, rtnl.writeRequests());
        }
    }

    @Test
    void dumpsSentTogetherAnswerAsIfSentOneByOneEvenWhenTheKernelSaysBusy() throws Exception {
        Netns ns = bed.namespace("dumps");
        ns.sh("ip link add bd0 type veth peer name bdp0 && ip link add bd1 type veth peer name bdp1"
                + " && ip addr add 192.0.2.1/24 dev bd0 && ip addr add 2001:db8::1/64 dev bd1 nodad");
        try (NetworkNamespace handle = NetworkNamespace.open(ns.name());
             NetlinkSocket socket = handle.call(() -> NetlinkSocket.open(Nl.NETLINK_ROUTE, 0))) {
            // A link or address dump takes two turns of the kernel, so every later dump of a datagram
            // meets a running one (EBUSY) and has to be sent again.
            List<NetlinkRequest> requests = new ArrayList<>();
            for (int i = 0; i < 3 * NetlinkSocket.DUMPS_IN_FLIGHT_ENLARGED + 1; i++) {
                requests.add(i % 2 == 0 ? RtnetlinkRequests.dumpLinks() : RtnetlinkRequests.dumpAddresses());
            }
            List<String> links = summary(true, socket.request(RtnetlinkRequests.dumpLinks()));
            List<String> addresses = summary(false, socket.request(RtnetlinkRequests.dumpAddresses()));

            List<Outcome> outcomes = socket.dumps(requests);

            assertEquals(requests.size(), outcomes.size());
            for (int i = 0; i < outcomes.size(); i++) {
                Outcome outcome = outcomes.get(i);
                assertNull(outcome.error(), "dump " + i);
                assertEquals(i % 2 == 0 ? links : addresses, summary(i % 2 == 0, outcome.replies()), "dump " + i);
            }
            assertTrue(links.containsAll(List.of("lo", "bd0", "bdp0", "bd1", "bdp1")), links.toString());
        }
    }

    private static List<String> summary(boolean links, List<NetlinkMessage> replies) {
        return replies.stream().map(m -> links ? LinkParser.link(m).name()
                : LinkParser.address(m).map(LinkAddress::toString).orElse("")).toList();
    }

    @Test
    void aDumpTheKernelRefusesGetsItsOwnErrorAndTheOthersTheirAnswers() throws Exception {
        Netns ns = bed.namespace("dumperr");
        try (NetworkNamespace handle = NetworkNamespace.open(ns.name());
             NetlinkSocket socket = handle.call(() -> NetlinkSocket.open(Nl.NETLINK_ROUTE, 0))) {
            NetlinkRequest unknownType = new NetlinkRequest(1000, NetlinkRequest.DUMP, new byte[16], "type 1000 dump", false);
            List<Outcome> outcomes = socket.dumps(List.of(RtnetlinkRequests.dumpLinks(), unknownType, RtnetlinkRequests.dumpLinks()));

            assertNull(outcomes.get(0).error());
            assertTrue(outcomes.get(1).failed(), "a message type rtnetlink does not know");
            assertTrue(outcomes.get(1).error().getMessage().startsWith("type 1000 dump"),
                    outcomes.get(1).error().getMessage());
            assertNull(outcomes.get(2).error());
            assertEquals(outcomes.get(0).replies().size(), outcomes.get(2).replies().size());
        }
    }
}
