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
import java.util.HashSet;
import java.util.List;
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
}
