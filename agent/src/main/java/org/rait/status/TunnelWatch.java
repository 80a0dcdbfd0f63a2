package org.rait.status;

import org.rait.config.RaitConfig;
import org.rait.peers.PeerList;
import org.rait.log.EventLog;
import org.rait.tunnels.KernelTunnels;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Looks at the tunnels for the metrics endpoint and the health report, at most once per {@code maxAge}
 * (a scrape and a report close together read the kernel once), counts endpoint changes between looks
 * (from one address to another; the first handshake is not a change) and tells how long each tunnel's rx counter
 * has stood still (the health report's fast sign of a cut link).
 * Thread-safe: the HTTP server and the agent loop both ask.
 */
public final class TunnelWatch {
    private final Supplier<List<TunnelStatus>> observe;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Optional<String>> lastEndpoint = new HashMap<>();
    private final Map<String, Long> endpointChanges = new HashMap<>();
    private final Map<String, RxSeen> rxSeen = new HashMap<>();
    private List<WatchedTunnel> latest = List.of();
    private Instant latestAt = Instant.MIN;

    /** The rx counter of one interface's peer, and the first look that saw it at that value. */
    private record RxSeen(String peerKey, long rxBytes, Instant since) {
    }

    /** @param observe reads the tunnels as they are now (names from the applied snapshot) */
    public TunnelWatch(Supplier<List<TunnelStatus>> observe, Duration maxAge, Clock clock) {
        this.observe = observe;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /**
     * The managed tunnels of one rait.conf as they are, named from {@code peers} (the snapshot the agent applied);
     * read at most once a second.
     */
    public static TunnelWatch of(RaitConfig config, Supplier<PeerList> peers, EventLog log) {
        Clock clock = Clock.systemUTC();
        return new TunnelWatch(() -> StatusReport.tunnels(KernelTunnels.list(config, log), peers.get(), clock.instant()),
                Duration.ofSeconds(1), clock);
    }

    public synchronized List<WatchedTunnel> tunnels() {
        Instant now = clock.instant();
        if (latestAt != Instant.MIN && Duration.between(latestAt, now).compareTo(maxAge) < 0) return latest;
        List<TunnelStatus> observed = observe.get();
        List<WatchedTunnel> watched = new ArrayList<>();
        for (TunnelStatus t : observed) {
            Optional<String> before = lastEndpoint.put(t.ifname(), t.endpoint());
            if (before != null && before.isPresent() && t.endpoint().isPresent() && !before.equals(t.endpoint())) endpointChanges.merge(t.ifname(), 1L, Long::sum);
            RxSeen rx = rxSeen.get(t.ifname());
            if (rx == null || !rx.peerKey().equals(t.peerKey()) || rx.rxBytes() != t.rxBytes()) {
                rx = new RxSeen(t.peerKey(), t.rxBytes(), now);
                rxSeen.put(t.ifname(), rx);
            }
            watched.add(new WatchedTunnel(t, endpointChanges.getOrDefault(t.ifname(), 0L), Duration.between(rx.since(), now).toSeconds()));
        }
        rxSeen.keySet().retainAll(observed.stream().map(TunnelStatus::ifname).toList());
        latest = List.copyOf(watched);
        latestAt = now;
        return latest;
    }
}
