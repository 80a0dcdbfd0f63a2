package org.rait.ping;

import org.junit.jupiter.api.Test;
import org.rait.babeld.Dump;
import org.rait.babeld.Route;
import org.rait.keys.WgKey;
import org.rait.keys.X25519;
import org.rait.plan.AddressText;
import org.rait.plan.LinkLocalAddress;
import org.rait.status.TunnelStatus;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PingPlanTest {
    private final WgKey own = X25519.publicKey(X25519.generatePrivateKey());
    private final WgKey peer = X25519.publicKey(X25519.generatePrivateKey());
    private final String peerLinkLocal = AddressText.of(LinkLocalAddress.of(peer, own));

    @Test
    void thePeersLinkLocalAddressOnEachTunnelComesFirstThenTheHostRoutesItAnnouncesThroughBabeld() {
        List<TunnelStatus> tunnels = List.of(tunnel("rait4x50002"), tunnel("rait6x51002"));
        Dump dump = new Dump(List.of(), List.of(), List.of(
                new Route("10.99.0.2/32", "0.0.0.0/0", true, "id2", 96, 0, peerLinkLocal, "rait4x50002"),
                new Route("10.99.0.3/32", "0.0.0.0/0", true, "id3", 192, 96, peerLinkLocal, "rait4x50002"),
                new Route("10.98.0.0/24", "0.0.0.0/0", true, "id2", 96, 0, peerLinkLocal, "rait4x50002"),
                new Route("fd99::2/128", "::/0", false, "id2", 96, 0, peerLinkLocal, "rait6x51002"),
                new Route("fd99::2/128", "::/0", true, "id2", 96, 0, "fe80::1", "eth0")), List.of());

        List<Probe> probes = PingPlan.probes(own, peer, tunnels, Optional.of(dump));

        assertEquals(List.of(
                new Probe("link-local", "rait4x50002", peerLinkLocal + "%rait4x50002"),
                new Probe("link-local", "rait6x51002", peerLinkLocal + "%rait6x51002"),
                new Probe("babeld", "rait4x50002", "10.99.0.2")), probes);
    }

    @Test
    void pingsSummaryGivesCountsAndTheAverageRoundTrip() {
        Probe probe = new Probe("link-local", "rait4x50002", "fe80::1%rait4x50002");
        Echo.Reply reached = IputilsPing.parse(probe, """
                PING fe80::1%rait4x50002(fe80::1%rait4x50002) 56 data bytes

                --- fe80::1%rait4x50002 ping statistics ---
                3 packets transmitted, 2 received, 33.3333% packet loss, time 402ms
                rtt min/avg/max/mdev = 0.310/0.452/0.594/0.142 ms
                """);
        Echo.Reply lost = IputilsPing.parse(probe, "3 packets transmitted, 0 received, 100% packet loss, time 2040ms\n");
        Echo.Reply broken = IputilsPing.parse(probe, "ping: rait4x50002: No such device\n");

        assertTrue(reached.reached());
        assertEquals(0.452, reached.averageMillis().getAsDouble());
        assertFalse(lost.reached());
        assertEquals(3, lost.sent());
        assertEquals("ping: rait4x50002: No such device", broken.detail());
    }

    private TunnelStatus tunnel(String ifname) {
        return new TunnelStatus(ifname, "node2", peer.base64(), Optional.empty(), OptionalLong.of(5), 0, 0, true, 0);
    }
}
