package org.rait.reporting;

import org.rait.babeld.Neighbour;
import org.rait.health.HealthReport;
import org.rait.health.PeerHealth;
import org.rait.keys.WgKey;
import org.rait.status.TunnelStatus;
import org.rait.status.WatchedTunnel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Builds the health report from what the agent knows. Pure. */
public final class ReportContents {
    private ReportContents() {
    }

    /**
     * @param tunnels    the managed tunnels as they are now; one without a WireGuard peer (a device that does not
     *                   answer) is left out: there is nobody to report about
     * @param neighbours babeld's neighbours, empty without babeld (or when it did not answer); a tunnel's cost is
     *                   the lowest cost heard on it, unreachable when babeld hears no neighbour there
     */
    public static HealthReport of(String version, OptionalLong appliedSerial, HealthReport.LastPass lastPass, int intervalSeconds,
                                  List<WatchedTunnel> tunnels, Optional<List<Neighbour>> neighbours) {
        List<PeerHealth> peers = new ArrayList<>();
        for (WatchedTunnel watched : tunnels) {
            TunnelStatus t = watched.status();
            if (t.peerKey().isEmpty()) continue;
            peers.add(new PeerHealth(WgKey.parseBase64(t.peerKey()), t.ifname(), t.handshakeAgeSeconds(), t.rxBytes(), t.txBytes(),
                    t.endpoint(), neighbours.map(n -> cost(t.ifname(), n)).orElse(OptionalInt.empty()), t.keepaliveSeconds(),
                    OptionalLong.of(watched.rxIdleSeconds())));
        }
        return new HealthReport(version, appliedSerial, lastPass, intervalSeconds, peers);
    }

    private static OptionalInt cost(String ifname, List<Neighbour> neighbours) {
        return OptionalInt.of(neighbours.stream().filter(n -> n.interfaceName().equals(ifname)).mapToInt(Neighbour::cost).min()
                .orElse(PeerHealth.BABELD_UNREACHABLE));
    }
}
