package org.rait.wireguard.kernel;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.demo.Host;
import org.rait.keys.WgKey;
import org.rait.netlink.GenericNetlink;
import org.rait.netlink.Link;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;
import org.rait.wireguard.DeviceConfig;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.PeerConfig;
import org.rait.wireguard.PeerState;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Kernel WireGuard end to end; runs only where the kernel has WireGuard and VRF (the test VM). */
@Tag("vm")
class KernelWireGuardVmTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    private static final WgKey PRIVATE = WgKey.parseBase64("KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=");
    private static final WgKey PEER = WgKey.parseBase64("rCOdBo/VRxc2ulTM3TzQ9UmHYRAGR4mkN15rs7rmMiY=");

    @BeforeEach
    void needsKernelWireGuard() {
        Testbed.requireRoot("ip", "wg");
        try (NetworkNamespace current = NetworkNamespace.current(); GenericNetlink genl = GenericNetlink.open(current)) {
            boolean present = genl.familyId(WgNetlinkCodec.FAMILY).isPresent();
            if (!present) System.out.println("SKIPPED: this kernel has no WireGuard module");
            assumeTrue(present, "kernel has no WireGuard");
        }
    }

    private static String publicKeyOf(WgKey privateKey) {
        return Host.run("sh", "-c", "echo " + privateKey.base64() + " | wg pubkey").strip();
    }

    @Test
    void deviceIsMadeInTransitMovedToTargetConfiguredReadBackAndDeleted() throws Exception {
        Netns transitNs = bed.namespace("transit");
        Netns targetNs = bed.namespace("target");
        InetSocketAddress endpoint = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 50153);
        DeviceConfig config = new DeviceConfig(PRIVATE, 50180, 54,
                List.of(new PeerConfig(PEER, Optional.of(endpoint), List.of("0.0.0.0/0", "::/0"), 25)));
        try (NetworkNamespace transit = NetworkNamespace.open(transitNs.name());
             NetworkNamespace target = NetworkNamespace.open(targetNs.name());
             RouteNetlink targetLinks = RouteNetlink.open(target);
             KernelWireGuard wg = new KernelWireGuard()) {
            wg.create("rtw0", transit, target);
            assertTrue(transitNs.trySh("ip link show rtw0").status() != 0, "moved out of transit");
            Link link = targetLinks.link("rtw0").orElseThrow();
            assertEquals("wireguard", link.kind());

            wg.configure("rtw0", target, config);
            targetLinks.setUp(link.index(), true);

            DeviceState state = wg.read("rtw0", target).orElseThrow();
            assertEquals(Optional.of(WgKey.parseBase64(publicKeyOf(PRIVATE))), state.publicKey());
            assertEquals(50180, state.listenPort());
            assertEquals(54, state.fwmark());
            assertEquals(List.of(new PeerState(PEER, Optional.of(endpoint), List.of("0.0.0.0/0", "::/0"), 25, 0, 0, 0)),
                    state.peers());

            // second opinions: wg in the target sees the same; the UDP socket is in transit
            String dump = targetNs.sh("wg show rtw0 dump");
            assertTrue(dump.contains("\t50180\t0x36"), dump);
            assertTrue(dump.contains(PEER.base64() + "\t(none)\t192.0.2.1:50153\t0.0.0.0/0,::/0"), dump);
            assertTrue(transitNs.sh("ss -uln").contains(":50180"), "socket in transit");

            wg.delete("rtw0", target);
            assertEquals(Optional.empty(), wg.read("rtw0", target));
            assertEquals(3, wg.writeRequests(), "create in the target from transit (no move), one configure message, delete");
        }
    }

    @Test
    void largeConfigurationArrivesWholeAndAnEmptyOneRemovesAllPeers() {
        Netns ns = bed.namespace("large");
        List<String> ranges = IntStream.range(0, 400).mapToObj(i -> "10." + (i / 256) + "." + (i % 256) + ".0/24").toList();
        try (NetworkNamespace handle = NetworkNamespace.open(ns.name()); KernelWireGuard wg = new KernelWireGuard()) {
            wg.create("rtw1", handle, handle);
            wg.configure("rtw1", handle, new DeviceConfig(PRIVATE, 50181, 0,
                    List.of(new PeerConfig(PEER, Optional.empty(), ranges, 0))));
            DeviceState state = wg.read("rtw1", handle).orElseThrow();
            assertEquals(1, state.peers().size());
            assertEquals(new HashSet<>(ranges), new HashSet<>(state.peers().get(0).allowedIps()));
            assertEquals(400, ns.sh("wg show rtw1 allowed-ips").split("\\s+").length - 1);

            wg.configure("rtw1", handle, new DeviceConfig(PRIVATE, 50181, 0, List.of()));
            assertEquals(List.of(), wg.read("rtw1", handle).orElseThrow().peers());
        }
    }

    @Test
    void vrfIsCreatedWithItsTableAndTakesAWireGuardSlave() {
        Netns ns = bed.namespace("vrf");
        try (NetworkNamespace handle = NetworkNamespace.open(ns.name()); RouteNetlink rtnl = RouteNetlink.open(handle);
             KernelWireGuard wg = new KernelWireGuard()) {
            rtnl.createVrf("rvrf", 54);
            wg.create("rtw2", handle, handle);
            int vrf = rtnl.link("rvrf").orElseThrow().index();
            rtnl.setMaster(rtnl.link("rtw2").orElseThrow().index(), vrf);
            assertEquals(vrf, rtnl.link("rtw2").orElseThrow().masterIndex());
            assertTrue(ns.sh("ip -d link show rvrf").contains("vrf table 54"));
            assertEquals(Set.of("lo", "rvrf", "rtw2"), Set.copyOf(rtnl.links().stream().map(Link::name).toList()));
        }
    }

    /**
     * Dumps of many devices go several to a datagram. A device too large for one kernel buffer makes the
     * later dumps of its datagram busy; they are sent again, and every answer is what a read alone gives.
     */
    @Test
    void devicesReadTogetherAnswerAsReadOneByOneInAFewRoundTrips() throws Exception {
        Netns ns = bed.namespace("many");
        ns.sh("ip link add rtv0 type veth peer name rtvp0");
        List<String> large = IntStream.range(0, 2000).mapToObj(i -> "10." + (i / 256) + "." + (i % 256) + ".0/24").toList();
        int devices = 200;
        try (NetworkNamespace handle = NetworkNamespace.open(ns.name()); KernelWireGuard wg = new KernelWireGuard()) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                String name = "rtm" + i;
                wg.create(name, handle, handle);
                InetSocketAddress endpoint = new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) i}), 50000 + i);
                wg.configure(name, handle, new DeviceConfig(PRIVATE, 51000 + i, i,
                        List.of(new PeerConfig(PEER, Optional.of(endpoint), i == 30 ? large : List.of("10.9." + i + ".0/24", "::/0"), 25))));
                names.add(name);
            }
            names.add(31, "rtv0");
            names.add("rtmissing");

            wg.readAll(names, handle); // the JIT's share, before either is timed
            long t0 = System.nanoTime();
            Map<String, Optional<DeviceState>> alone = new LinkedHashMap<>();
            for (String name : names) alone.put(name, wg.read(name, handle));
            long t1 = System.nanoTime();
            long before = wg.genericNetlinkRoundTrips();
            Map<String, Optional<DeviceState>> together = wg.readAll(names, handle);
            long t2 = System.nanoTime();
            long roundTrips = wg.genericNetlinkRoundTrips() - before;

            assertEquals(alone, together);
            assertEquals(names, List.copyOf(together.keySet()), "in the order asked");
            assertEquals(Optional.empty(), together.get("rtv0"), "a veth is no WireGuard device");
            assertEquals(Optional.empty(), together.get("rtmissing"));
            assertEquals(new HashSet<>(large), new HashSet<>(together.get("rtm30").orElseThrow().peers().get(0).allowedIps()));
            assertEquals(51199, together.get("rtm199").orElseThrow().listenPort());
            // 202 dumps in rounds of 24; the large device sends the rest of its round again once
            assertTrue(roundTrips <= 202 / 24 + 2, roundTrips + " round trips");
            System.out.printf("bench: %d WireGuard devices read one by one in %.0f ms (%d round trips), together in %.0f ms (%d round trips)%n",
                    names.size(), (t1 - t0) / 1e6, names.size(), (t2 - t1) / 1e6, roundTrips);
        }
    }

    /**
     * Devices made and configured together: the creations back to back from the transit socket, each link
     * with its group and MTU from the start, the configurations back to back; a refused request fails only
     * its own device, with the kernel's reason and the device's name, and the others go on.
     */
    @Test
    void devicesMadeAndConfiguredTogetherEachKeepTheirOwnOutcome() throws Exception {
        Netns transitNs = bed.namespace("btransit");
        Netns targetNs = bed.namespace("btarget");
        targetNs.sh("ip link add rtb3 type veth peer name rtbp3");   // a namesake: its creation is refused
        Map<String, org.rait.netlink.LinkSettings> wanted = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) wanted.put("rtb" + i, new org.rait.netlink.LinkSettings(1400 + i, 54, true));
        try (NetworkNamespace transit = NetworkNamespace.open(transitNs.name());
             NetworkNamespace target = NetworkNamespace.open(targetNs.name());
             RouteNetlink targetLinks = RouteNetlink.open(target);
             KernelWireGuard wg = new KernelWireGuard()) {
            Map<String, RuntimeException> notMade = wg.createAll(wanted, transit, target);

            assertEquals(Set.of("rtb3"), notMade.keySet());
            assertTrue(notMade.get("rtb3").getMessage().contains("rtb3") && notMade.get("rtb3").getMessage().contains("EEXIST"),
                    notMade.get("rtb3").getMessage());
            Map<String, Link> links = new LinkedHashMap<>();
            targetLinks.links().forEach(l -> links.put(l.name(), l));
            for (int i = 0; i < 40; i++) {
                if (i == 3) continue;
                Link link = links.get("rtb" + i);
                assertEquals("wireguard", link.kind());
                assertEquals(54, link.group(), "in its group from the start");
                assertEquals(1400 + i, link.mtu());
            }
            assertTrue(transitNs.sh("ip -o link").lines().noneMatch(l -> l.contains("rtb")), "made in the target, not in transit");

            Map<String, DeviceConfig> configs = new LinkedHashMap<>();
            for (int i = 0; i < 40; i++) {
                if (i == 3) continue;
                configs.put("rtb" + i, new DeviceConfig(PRIVATE, 52000 + i, i, List.of(new PeerConfig(PEER,
                        Optional.of(new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) i}), 50000 + i)),
                        List.of("0.0.0.0/0", "::/0"), 25))));
            }
            configs.put("rtbmissing", configs.get("rtb0"));
            long roundTrips = wg.genericNetlinkRoundTrips();
            Map<String, RuntimeException> notConfigured = wg.configureAll(configs, target);

            assertEquals(Set.of("rtbmissing"), notConfigured.keySet());
            assertTrue(notConfigured.get("rtbmissing").getMessage().contains("ENODEV"), notConfigured.get("rtbmissing").getMessage());
            assertTrue(wg.genericNetlinkRoundTrips() - roundTrips <= 3, (wg.genericNetlinkRoundTrips() - roundTrips) + " round trips for 40 configurations");
            assertEquals(52039, wg.read("rtb39", target).orElseThrow().listenPort());
            assertTrue(targetNs.sh("wg show rtb39 dump").contains(PEER.base64() + "\t(none)\t192.0.2.39:50039\t0.0.0.0/0,::/0"));
            targetLinks.setUp(links.get("rtb39").index(), true);
            assertTrue(transitNs.sh("ss -uln").contains(":52039"), "socket in transit");
        }
    }
}
