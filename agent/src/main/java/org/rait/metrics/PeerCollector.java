package org.rait.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import org.rait.status.TunnelStatus;
import org.rait.status.TunnelWatch;
import org.rait.status.WatchedTunnel;

import java.time.Clock;
import java.util.List;

/**
 * One series per managed tunnel, labelled by the peer's name (its key when it has none) and the interface:
 * handshake time and age, traffic, endpoint changes. Read from the tunnels at scrape time, so a handshake that
 * stops shows within one scrape, not one pass.
 */
final class PeerCollector implements MultiCollector {
    private final TunnelWatch watch;
    private final Clock clock;

    PeerCollector(TunnelWatch watch, Clock clock) {
        this.watch = watch;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        List<WatchedTunnel> tunnels = watch.tunnels();
        long now = clock.instant().getEpochSecond();
        GaugeSnapshot.Builder handshakeAt = GaugeSnapshot.builder().name("rait_peer_last_handshake_timestamp_seconds")
                .help("Latest WireGuard handshake with the peer (Unix seconds, 0 = never)");
        GaugeSnapshot.Builder handshakeAge = GaugeSnapshot.builder().name("rait_peer_handshake_age_seconds").unit(Unit.SECONDS)
                .help("Seconds since the latest WireGuard handshake with the peer (absent when there was none)");
        CounterSnapshot.Builder rx = CounterSnapshot.builder().name("rait_peer_receive_bytes").unit(Unit.BYTES)
                .help("Bytes received from the peer over the tunnel");
        CounterSnapshot.Builder tx = CounterSnapshot.builder().name("rait_peer_transmit_bytes").unit(Unit.BYTES)
                .help("Bytes sent to the peer over the tunnel");
        CounterSnapshot.Builder endpointChanges = CounterSnapshot.builder().name("rait_peer_endpoint_changes")
                .help("Times the peer's endpoint moved to another address since the agent started");
        GaugeSnapshot.Builder up = GaugeSnapshot.builder().name("rait_peer_link_up").help("1 when the tunnel's link is up");
        for (WatchedTunnel tunnel : tunnels) {
            TunnelStatus t = tunnel.status();
            Labels labels = Labels.of("interface", t.ifname(), "peer", tunnel.peerLabel());
            long age = t.handshakeAgeSeconds().orElse(-1);
            handshakeAt.dataPoint(gauge(labels, age < 0 ? 0 : now - age));
            if (age >= 0) handshakeAge.dataPoint(gauge(labels, age));
            rx.dataPoint(counter(labels, t.rxBytes()));
            tx.dataPoint(counter(labels, t.txBytes()));
            endpointChanges.dataPoint(counter(labels, tunnel.endpointChanges()));
            up.dataPoint(gauge(labels, t.up() ? 1 : 0));
        }
        return MetricSnapshots.of(handshakeAt.build(), handshakeAge.build(), rx.build(), tx.build(), endpointChanges.build(), up.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of("rait_peer_last_handshake_timestamp_seconds", "rait_peer_handshake_age_seconds", "rait_peer_receive_bytes",
                "rait_peer_transmit_bytes", "rait_peer_endpoint_changes", "rait_peer_link_up");
    }

    private static GaugeDataPointSnapshot gauge(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static CounterDataPointSnapshot counter(Labels labels, double value) {
        return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
