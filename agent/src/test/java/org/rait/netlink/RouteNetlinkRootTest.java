package org.rait.netlink;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rtnetlink against the real kernel in throwaway namespaces, with `ip` as the second opinion. */
@Tag("root")
class RouteNetlinkRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    @BeforeEach
    void needsRoot() {
        Testbed.requireRoot("ip");
    }

    private static NetworkNamespace open(Netns ns) {
        return NetworkNamespace.open(ns.name());
    }

    @Test
    void linkDumpListsWhatIpShows() {
        Netns ns = bed.namespace("dump");
        ns.sh("ip link add br7 type bridge && ip link set br7 mtu 1400 group 54 up");
        try (NetworkNamespace handle = open(ns); RouteNetlink rtnl = RouteNetlink.open(handle)) {
            Set<String> names = rtnl.links().stream().map(Link::name).collect(Collectors.toSet());
            assertEquals(Set.of("lo", "br7"), names);
            Link br = rtnl.link("br7").orElseThrow();
            assertEquals("bridge", br.kind());
            assertEquals(1400, br.mtu());
            assertEquals(54, br.group());
            assertTrue(br.up());
            assertTrue(ns.sh("ip -o link show br7").contains("group 54"));
        }
    }

    @Test
    void linksAskedForByNameAreTheDumpsOnesLeavingOutAMissingName() {
        Netns ns = bed.namespace("byname");
        ns.sh("ip link add br7 type bridge && ip link set br7 mtu 1400 group 54 up && ip link add br8 type bridge"
                + " && ip link add br9 type bridge");
        try (NetworkNamespace handle = open(ns); RouteNetlink rtnl = RouteNetlink.open(handle)) {
            List<Link> dump = rtnl.links();
            List<Link> named = rtnl.links(List.of("br9", "nosuchlink", "br7"));
            assertEquals(dump.stream().filter(l -> l.name().equals("br9") || l.name().equals("br7")).collect(Collectors.toSet()),
                    Set.copyOf(named));
            assertEquals(2, named.size());
            assertEquals(0, rtnl.writeRequests());
        }
    }

    @Test
    void missingLinkIsEmptyNotAnError() {
        Netns ns = bed.namespace("nolink");
        try (NetworkNamespace handle = open(ns); RouteNetlink rtnl = RouteNetlink.open(handle)) {
            assertTrue(rtnl.link("nosuchlink").isEmpty());
        }
    }

    @Test
    void createdLinkTakesMtuGroupUpAndAddrGenModeNone() {
        Netns ns = bed.namespace("set");
        try (NetworkNamespace handle = open(ns); RouteNetlink rtnl = RouteNetlink.open(handle)) {
            rtnl.createLink("tv0", "veth");
            int index = rtnl.link("tv0").orElseThrow().index();
            rtnl.setMtu(index, 1420);
            rtnl.setGroup(index, 54);
            rtnl.setAddrGenModeNone(index);
            rtnl.setUp(index, true);

            Link link = rtnl.link("tv0").orElseThrow();
            assertEquals(new Link(index, "tv0", "veth", 54, 1420, true, 0, Link.ADDR_GEN_MODE_NONE), link);
            String ip = ns.sh("ip -d link show tv0");
            assertTrue(ip.contains("mtu 1420") && ip.contains("group 54") && ip.contains("addrgenmode none"), ip);
            assertEquals(5, rtnl.writeRequests());
        }
    }

    @Test
    void addressesAreAddedListedAndDeletedForBothFamilies() throws Exception {
        Netns ns = bed.namespace("addr");
        try (NetworkNamespace handle = open(ns); RouteNetlink rtnl = RouteNetlink.open(handle)) {
            rtnl.createLink("ta0", "veth");
            int index = rtnl.link("ta0").orElseThrow().index();
            rtnl.setAddrGenModeNone(index);
            rtnl.setUp(index, true);
            InetAddress linkLocal = InetAddress.getByName("fe80::1234:5678");
            InetAddress v4 = InetAddress.getByName("10.20.30.40");
            rtnl.addAddress(index, linkLocal, 64);
            rtnl.addAddress(index, v4, 24);

            assertEquals(Set.of(new LinkAddress(index, linkLocal, 64), new LinkAddress(index, v4, 24)),
                    Set.copyOf(rtnl.addresses(index)));
            String ip = ns.sh("ip addr show ta0");
            assertTrue(ip.contains("inet 10.20.30.40/24") && ip.contains("inet6 fe80::1234:5678/64"), ip);
            assertFalse(ip.contains("tentative"), "a nodad link-local address is usable at once:\n" + ip);

            rtnl.deleteAddress(index, v4, 24);
            rtnl.deleteAddress(index, linkLocal, 64);
            assertEquals(List.of(), rtnl.addresses(index));
        }
    }

    @Test
    void linkMovedByDescriptorAppearsInTheOtherNamespace() {
        Netns from = bed.namespace("from");
        Netns to = bed.namespace("to");
        try (NetworkNamespace source = open(from); NetworkNamespace target = open(to);
             RouteNetlink src = RouteNetlink.open(source); RouteNetlink dst = RouteNetlink.open(target)) {
            src.createLink("tm0", "veth");
            src.moveToNamespace(src.link("tm0").orElseThrow().index(), target);
            assertTrue(src.link("tm0").isEmpty());
            Link moved = dst.link("tm0").orElseThrow();
            assertEquals("veth", moved.kind());
            assertTrue(to.sh("ip -o link show").contains("tm0"));
            dst.deleteLink(moved.index());
            assertTrue(dst.link("tm0").isEmpty());
        }
    }

    @Test
    void masterIsSetAndReleased() {
        Netns ns = bed.namespace("master");
        try (NetworkNamespace handle = open(ns); RouteNetlink rtnl = RouteNetlink.open(handle)) {
            rtnl.createLink("tb0", "bridge");
            rtnl.createLink("ts0", "veth");
            int bridge = rtnl.link("tb0").orElseThrow().index();
            int slave = rtnl.link("ts0").orElseThrow().index();
            rtnl.setMaster(slave, bridge);
            assertEquals(bridge, rtnl.link("ts0").orElseThrow().masterIndex());
            assertTrue(ns.sh("ip -o link show ts0").contains("master tb0"));
            rtnl.setMaster(slave, 0);
            assertEquals(0, rtnl.link("ts0").orElseThrow().masterIndex());
        }
    }

    @Test
    void deletingAMissingLinkFailsWithEnodevAndNamesTheRequest() {
        Netns ns = bed.namespace("enodev");
        try (NetworkNamespace handle = open(ns); RouteNetlink rtnl = RouteNetlink.open(handle)) {
            NetlinkException e = assertThrows(NetlinkException.class, () -> rtnl.deleteLink(99999));
            assertEquals("ENODEV", e.errnoName());
            assertTrue(e.request().startsWith("RTM_DELLINK index=99999"), e.request());
        }
    }

    @Test
    void creatingAnUnknownKindFailsWithTheKernelsReason() {
        Netns ns = bed.namespace("nokind");
        try (NetworkNamespace handle = open(ns); RouteNetlink rtnl = RouteNetlink.open(handle)) {
            NetlinkException e = assertThrows(NetlinkException.class, () -> rtnl.createLink("tw0", "nosuchkind"));
            assertEquals("EOPNOTSUPP", e.errnoName());
            assertEquals("RTM_NEWLINK name=tw0 kind=nosuchkind", e.request());
            assertTrue(e.getMessage().contains("Unknown device type"), e.getMessage());
        }
    }

    @Test
    void creatingAnExistingLinkFailsWithEexist() {
        Netns ns = bed.namespace("eexist");
        try (NetworkNamespace handle = open(ns); RouteNetlink rtnl = RouteNetlink.open(handle)) {
            rtnl.createLink("te0", "bridge");
            NetlinkException e = assertThrows(NetlinkException.class, () -> rtnl.createLink("te0", "bridge"));
            assertEquals("EEXIST", e.errnoName());
        }
    }

    @Test
    void aPassOfReadsWritesNothing() {
        Netns ns = bed.namespace("reads");
        ns.sh("ip link add tr0 type bridge");
        try (NetworkNamespace handle = open(ns); RouteNetlink rtnl = RouteNetlink.open(handle)) {
            for (Link link : rtnl.links()) {
                rtnl.link(link.name());
                rtnl.addresses(link.index());
            }
            assertEquals(0, rtnl.writeRequests());
        }
    }
}
