package org.rait.metrics;

import org.junit.jupiter.api.Test;
import org.rait.status.TunnelStatus;
import org.rait.testing.Promtool;
import org.rait.status.TunnelWatch;
import org.rait.trust.RefusalReason;
import org.rait.trust.TrustedSnapshot;
import org.rait.snapshot.SnapshotFormat;
import org.rait.snapshot.TrustedComment;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsServerTest {
    private static final Instant NOW = Instant.parse("2027-01-15T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void servesPrometheusTextWithFetchOutcomesRefusalsSerialTunnelsAndApplyDurations() throws Exception {
        AgentMetrics metrics = new AgentMetrics(CLOCK);
        metrics.fetchAttempt("changed");
        metrics.fetchAttempt("timeout");
        metrics.fetchAttempt("timeout");
        metrics.refusal("rollback");
        metrics.pass("fresh", "applied");
        metrics.snapshot(signed(17, NOW.plusSeconds(86400)), NOW.minusSeconds(30));
        metrics.tunnels(Map.of("ok", 3L, "failed", 1L));
        metrics.applyDuration(0.07);
        metrics.phase("fetch", 0.2);

        String body = scrape(metrics);
        for (String line : new String[] {
                "rait_fetch_attempts_total{outcome=\"timeout\"} 2.0",
                "rait_fetch_attempts_total{outcome=\"changed\"} 1.0",
                "rait_snapshot_refusals_total{reason=\"rollback\"} 1.0",
                "rait_agent_passes_total{action=\"applied\",news=\"fresh\"} 1.0",
                "rait_snapshot_serial 17.0",
                "rait_snapshot_age_seconds 30.0",
                "rait_snapshot_expiry_timestamp_seconds " + sci(NOW.plusSeconds(86400).getEpochSecond()),
                "rait_last_successful_fetch_timestamp_seconds " + sci(NOW.getEpochSecond()),
                "rait_tunnels{state=\"failed\"} 1.0",
                "rait_apply_duration_seconds_bucket{le=\"0.05\"} 0",
                "rait_apply_duration_seconds_bucket{le=\"0.1\"} 1",
                "rait_apply_duration_seconds_count 1",
                "rait_pass_phase_duration_seconds_count{phase=\"apply\"} 1",
                "rait_pass_phase_duration_seconds_bucket{phase=\"fetch\",le=\"0.5\"} 1",
                "rait_build_info{version=\"0.1.0-SNAPSHOT\"} 1"}) {
            assertTrue(body.contains(line + "\n"), "missing '" + line + "' in\n" + body);
        }
    }

    @Test
    void everyRefusalReasonIsPresentAtZeroBeforeTheFirstRefusal() throws Exception {
        String body = scrape(new AgentMetrics(CLOCK));
        for (RefusalReason reason : RefusalReason.values()) {
            assertTrue(body.contains("rait_snapshot_refusals_total{reason=\"" + reason.label() + "\"} 0.0\n"), reason + " in\n" + body);
        }
    }

    @Test
    void aNamedPeerGetsHandshakeTrafficAndEndpointChangeSeriesLabelledWithItsNameAndInterface() throws Exception {
        List<Optional<String>> endpoints = new ArrayList<>(List.of(Optional.of("10.0.0.2:50001"), Optional.of("10.0.0.9:50001")));
        TunnelWatch watch = new TunnelWatch(() -> List.of(
                new TunnelStatus("rait4x50001", "alice", "KEY-A", endpoints.size() > 1 ? endpoints.remove(0) : endpoints.get(0),
                        OptionalLong.of(42), 1200, 3400, true, 0),
                new TunnelStatus("rait4x50002", "", "KEY-B", Optional.empty(), OptionalLong.empty(), 0, 0, false, 0)),
                Duration.ZERO, CLOCK);
        AgentMetrics metrics = new AgentMetrics(CLOCK).withPeers(watch);
        scrape(metrics);

        String body = scrape(metrics);

        for (String line : new String[] {
                "rait_peer_handshake_age_seconds{interface=\"rait4x50001\",peer=\"alice\"} 42.0",
                "rait_peer_last_handshake_timestamp_seconds{interface=\"rait4x50001\",peer=\"alice\"} " + sci(NOW.getEpochSecond() - 42),
                "rait_peer_last_handshake_timestamp_seconds{interface=\"rait4x50002\",peer=\"KEY-B\"} 0.0",
                "rait_peer_receive_bytes_total{interface=\"rait4x50001\",peer=\"alice\"} 1200.0",
                "rait_peer_transmit_bytes_total{interface=\"rait4x50001\",peer=\"alice\"} 3400.0",
                "rait_peer_endpoint_changes_total{interface=\"rait4x50001\",peer=\"alice\"} 1.0",
                "rait_peer_link_up{interface=\"rait4x50002\",peer=\"KEY-B\"} 0.0"}) {
            assertTrue(body.contains(line + "\n"), "missing '" + line + "' in\n" + body);
        }
        assertFalse(body.contains("rait_peer_handshake_age_seconds{interface=\"rait4x50002\""), "no age without a handshake:\n" + body);
    }

    @Test
    void listensOnAnyAddressTheOperatorWrites() throws Exception {
        try (MetricsServer server = MetricsServer.start("0.0.0.0:0", new AgentMetrics(CLOCK))) {
            assertTrue(server.address().getAddress().isAnyLocalAddress());
            assertEquals(200, get(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.address().getPort())).statusCode());
        }
    }

    @Test
    void jvmAndProcessFiguresComeWithTheAgentsOwn() throws Exception {
        String body = scrape(new AgentMetrics(CLOCK).withJvmMetrics());
        assertTrue(body.contains("\njvm_memory_used_bytes{"), body);
        assertTrue(body.contains("\nprocess_cpu_seconds_total "), body);
    }

    @Test
    void promtoolFindsNothingToComplainAboutInAFullExposition() throws Exception {
        TunnelWatch watch = new TunnelWatch(() -> List.of(new TunnelStatus("rait4x50001", "alice", "KEY-A",
                Optional.of("10.0.0.2:50001"), OptionalLong.of(3), 10, 20, true, 0)), Duration.ZERO, CLOCK);
        AgentMetrics metrics = new AgentMetrics(CLOCK).withJvmMetrics().withPeers(watch);
        metrics.fetchAttempt("changed");
        metrics.pass("fresh", "applied");
        metrics.snapshot(signed(3, NOW.plusSeconds(600)), NOW);
        metrics.tunnels(Map.of("ok", 1L));
        metrics.applyDuration(0.01);

        assertEquals("", Promtool.check(scrape(metrics)));
    }

    private static String scrape(AgentMetrics metrics) throws Exception {
        try (MetricsServer server = MetricsServer.start("127.0.0.1:0", metrics)) {
            HttpResponse<String> response = get(server.address());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            return response.body();
        }
    }

    private static HttpResponse<String> get(InetSocketAddress address) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + address.getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static TrustedSnapshot signed(long serial, Instant expires) {
        return new TrustedSnapshot("https://registry.example/peers.conf", new byte[0], Optional.of("sig"),
                Optional.of(new TrustedComment(serial, expires, SnapshotFormat.BLOCK)), Optional.empty());
    }

    /** How the text format writes a large whole number: 1.7684712E9. */
    private static String sci(long value) {
        return Double.toString(value);
    }
}
