package org.rait.reporting;

import org.junit.jupiter.api.Test;
import org.rait.agent.PassReport;
import org.rait.babeld.Neighbour;
import org.rait.health.HealthReport;
import org.rait.health.PeerHealth;
import org.rait.keys.X25519;
import org.rait.log.EventLog;
import org.rait.tunnels.Recap;
import org.rait.status.TunnelStatus;
import org.rait.status.WatchedTunnel;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthReportingTest {
    private record Sent(HealthReport report, long timestamp) {
    }

    @Test
    void reportsAtStartThenAtOnceAfterAPassThatChangedTunnelsWithGrowingTimestamps() throws Exception {
        LinkedBlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
        HealthReport.LastPass[] seen = new HealthReport.LastPass[1];
        try (HealthReporting reporting = new HealthReporting((r, t) -> sent.add(new Sent(r, t)), pass -> {
            seen[0] = pass;
            return new HealthReport("v", OptionalLong.empty(), pass, 3600, List.of());
        }, Duration.ofHours(1), Clock.systemUTC(), EventLog.quiet())) {
            reporting.start();
            Sent first = sent.poll(10, TimeUnit.SECONDS);
            assertNotNull(first, "the first report goes out at start");
            assertEquals("none", first.report().lastPass().news());

            reporting.passEnded(new PassReport(PassReport.News.UNCHANGED, PassReport.Action.APPLIED, "", Optional.empty(), Optional.of(new Recap(4, 0, 0, 0, 0, List.of())),
                    org.rait.babeld.BabeldStep.notConfigured(), Optional.empty()));
            assertNull(sent.poll(1500, TimeUnit.MILLISECONDS), "a pass that changed nothing waits for the heartbeat");

            reporting.passEnded(new PassReport(PassReport.News.FRESH, PassReport.Action.APPLIED, "", Optional.empty(), Optional.of(new Recap(4, 1, 0, 0, 0, List.of())),
                    org.rait.babeld.BabeldStep.notConfigured(), Optional.empty()));
            Sent second = sent.poll(10, TimeUnit.SECONDS);
            assertNotNull(second, "a pass that changed a tunnel is reported at once");
            assertEquals("fresh", second.report().lastPass().news());
            assertTrue(second.timestamp() > first.timestamp(), second.timestamp() + " after " + first.timestamp());
        }
    }

    @Test
    void aReportCarriesEachTunnelWithItsPeerKeyKeepaliveRxIdleAndTheBabeldCostHeardOnIt() {
        String key = X25519.publicKey(X25519.generatePrivateKey()).base64();
        List<WatchedTunnel> tunnels = List.of(
                new WatchedTunnel(new TunnelStatus("rait4x50002", "node2", key, Optional.of("10.0.0.2:50001"), OptionalLong.of(7), 10, 20, true, 25), 0, 4),
                new WatchedTunnel(new TunnelStatus("rait4x50003", "", "", Optional.empty(), OptionalLong.empty(), 0, 0, false, 0), 0, 0));
        List<Neighbour> neighbours = List.of(new Neighbour("fe80::1", "rait4x50002", "ffff", 96, 96, 96),
                new Neighbour("fe80::9", "eth0", "ffff", 96, 96, 10));

        HealthReport report = ReportContents.of("0.1.0", OptionalLong.of(5), new HealthReport.LastPass("fresh", "applied", "", 1), 60,
                tunnels, Optional.of(neighbours));

        assertEquals(List.of(new PeerHealth(org.rait.keys.WgKey.parseBase64(key), "rait4x50002", OptionalLong.of(7), 10, 20,
                Optional.of("10.0.0.2:50001"), OptionalInt.of(96), 25, OptionalLong.of(4))), report.peers());
    }

    @Test
    void aTunnelBabeldHearsNoNeighbourOnIsUnreachableAndWithoutBabeldThereIsNoCostAtAll() {
        String key = X25519.publicKey(X25519.generatePrivateKey()).base64();
        List<WatchedTunnel> tunnels = List.of(
                new WatchedTunnel(new TunnelStatus("rait4x50002", "node2", key, Optional.of("10.0.0.2:50001"), OptionalLong.of(7), 10, 20, true, 0), 0, 0));
        HealthReport.LastPass pass = new HealthReport.LastPass("fresh", "applied", "", 1);

        assertEquals(OptionalInt.of(PeerHealth.BABELD_UNREACHABLE),
                ReportContents.of("0.1.0", OptionalLong.of(5), pass, 60, tunnels, Optional.of(List.of())).peers().get(0).babeldCost());
        assertEquals(OptionalInt.empty(), ReportContents.of("0.1.0", OptionalLong.of(5), pass, 60, tunnels, Optional.empty()).peers().get(0).babeldCost());
    }
}
