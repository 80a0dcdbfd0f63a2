package org.rait.status;

import org.junit.jupiter.api.Test;
import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;
import org.rait.netlink.Link;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;
import org.rait.plan.ObservedTunnel;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.PeerState;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusReportTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final WgKey ALICE = key(1);
    private static final WgKey BOB = key(2);

    @Test
    void oneLinePerTunnelWithPeerNameEndpointHandshakeAgeAndTraffic() {
        StatusReport report = StatusReport.of(
                List.of(tunnel("rait6x50001", ALICE, Optional.of(new InetSocketAddress("2001:db8::1", 50999)), NOW.getEpochSecond() - 75, 1200, 3400),
                        tunnel("rait6x50002", BOB, Optional.empty(), 0, 0, 92)),
                new PeerList(List.of(new Peer(ALICE, "alice", List.of(new Endpoint(AddressFamily.IP6, 50001, ""))))),
                Optional.of(new SnapshotStatus("https://registry/peers.conf", OptionalLong.of(42), 3725)),
                Optional.of(new StatusReport.LastPass(12, "fresh", "held", "removed_peers=3 current_peers=4")),
                NOW);

        assertEquals(List.of(
                "snapshot serial=42 age=1h2m source=https://registry/peers.conf",
                "last_pass age=12s news=fresh action=held detail=\"removed_peers=3 current_peers=4\"",
                "rait6x50001 peer=alice endpoint=[2001:db8::1]:50999 handshake=1m15s ago rx=1200 tx=3400",
                "rait6x50002 peer=? endpoint=none handshake=never rx=0 tx=92"), report.lines());
    }

    @Test
    void theNextFetchAndTheSendPortConflictsShowWhenTheAgentRecordedThem() {
        StatusReport report = StatusReport.of(List.of(), PeerList.EMPTY, Optional.empty(),
                        Optional.of(new StatusReport.LastPass(3, "unreachable", "applied", "fetch failed")), NOW)
                .withAgentOutlook(Optional.of(new StatusReport.NextFetch(120, "retry_after 120s (what the server asked, at most the cap)")),
                        List.of("ifname=rait4x55001 send_port=55001 peers=a,b holder=a"));

        assertEquals(List.of("snapshot none (the agent has not applied one yet)",
                "last_pass age=3s news=unreachable action=applied detail=\"fetch failed\"",
                "next_fetch in=2m0s reason=\"retry_after 120s (what the server asked, at most the cap)\"",
                "send_port_conflicts=1",
                "send_port_conflict ifname=rait4x55001 send_port=55001 peers=a,b holder=a"), report.lines());
        assertTrue(report.json().contains(",\"next_fetch\":{\"in_seconds\":120,\"reason\":\"retry_after 120s"), report.json());
        assertTrue(report.json().contains(",\"send_port_conflicts\":[\"ifname=rait4x55001 send_port=55001 peers=a,b holder=a\"]"),
                report.json());
    }

    @Test
    void jsonCarriesTheSameFiguresWithNullsForWhatIsUnknown() {
        StatusReport report = StatusReport.of(List.of(tunnel("rait6x50002", BOB, Optional.empty(), 0, 5, 6)), PeerList.EMPTY,
                Optional.empty(), Optional.empty(), NOW);

        assertEquals("{\"snapshot\":null,\"last_pass\":null,\"tunnels\":[{\"interface\":\"rait6x50002\",\"peer\":\"\",\"public_key\":\""
                + BOB.base64() + "\",\"endpoint\":null,\"handshake_age_seconds\":null,\"rx_bytes\":5,\"tx_bytes\":6,\"up\":true}]}",
                report.json());
        assertEquals("snapshot none (the agent has not applied one yet)", report.lines().get(0));
    }

    private static ObservedTunnel tunnel(String ifname, WgKey peer, Optional<InetSocketAddress> endpoint, long handshake, long rx, long tx) {
        PeerState state = new PeerState(peer, endpoint, List.of("::/0"), 0, handshake, rx, tx);
        return new ObservedTunnel(new Link(3, ifname, "tun", 54, 1420, true, 0, 1), List.of(),
                Optional.of(new DeviceState(ifname, Optional.empty(), 50999, 54, List.of(state))));
    }

    private static WgKey key(int n) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) n);
        return WgKey.of(bytes);
    }
}
