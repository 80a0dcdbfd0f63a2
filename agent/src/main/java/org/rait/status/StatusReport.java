package org.rait.status;

import org.rait.keys.WgKey;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;
import org.rait.plan.ObservedTunnel;
import org.rait.plan.Planner;
import org.rait.wireguard.PeerState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** `rait status`: the snapshot and every managed tunnel, as text (one line each) or JSON. Pure. */
public record StatusReport(Optional<SnapshotStatus> snapshot, Optional<LastPass> lastPass, Optional<NextFetch> nextFetch,
                           List<String> sendPortConflicts, List<TunnelStatus> tunnels) {
    /** How the agent's latest pass ended: held plans and an unreachable registry show here. */
    public record LastPass(long ageSeconds, String news, String action, String detail) {
    }

    /** When the agent fetches next (seconds from now; negative when overdue, e.g. no agent running) and why then. */
    public record NextFetch(long inSeconds, String reason) {
    }

    public StatusReport {
        sendPortConflicts = List.copyOf(sendPortConflicts);
        tunnels = List.copyOf(tunnels);
    }

    public StatusReport(Optional<SnapshotStatus> snapshot, Optional<LastPass> lastPass, List<TunnelStatus> tunnels) {
        this(snapshot, lastPass, Optional.empty(), List.of(), tunnels);
    }

    /** The report with what the agent recorded about its schedule and the last plan's send_port conflicts. */
    public StatusReport withAgentOutlook(Optional<NextFetch> next, List<String> conflicts) {
        return new StatusReport(snapshot, lastPass, next, conflicts, tunnels);
    }

    /** @param peers the applied peer list, for names; EMPTY when unknown */
    public static StatusReport of(List<ObservedTunnel> observed, PeerList peers, Optional<SnapshotStatus> snapshot,
                                  Optional<LastPass> lastPass, Instant now) {
        return new StatusReport(snapshot, lastPass, tunnels(observed, peers, now));
    }

    /** One row per observed tunnel, named from the peer list; what `rait status`, the metrics and the health report show. */
    public static List<TunnelStatus> tunnels(List<ObservedTunnel> observed, PeerList peers, Instant now) {
        Map<WgKey, String> names = new HashMap<>();
        for (Peer p : peers.peers()) names.put(p.publicKey(), p.name());
        List<TunnelStatus> rows = new ArrayList<>();
        for (ObservedTunnel t : observed) {
            Optional<PeerState> peer = t.device().flatMap(d -> d.peers().stream().findFirst());
            rows.add(new TunnelStatus(
                    t.ifname(),
                    peer.map(p -> names.getOrDefault(p.publicKey(), "")).orElse(""),
                    peer.map(p -> p.publicKey().base64()).orElse(""),
                    peer.flatMap(PeerState::endpoint).map(Planner::endpointText),
                    peer.filter(p -> p.lastHandshakeEpochSeconds() > 0)
                            .map(p -> OptionalLong.of(Math.max(0, now.getEpochSecond() - p.lastHandshakeEpochSeconds())))
                            .orElse(OptionalLong.empty()),
                    peer.map(PeerState::rxBytes).orElse(0L),
                    peer.map(PeerState::txBytes).orElse(0L),
                    t.link().up(),
                    peer.map(PeerState::keepaliveSeconds).orElse(0)));
        }
        return rows;
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(snapshot.map(s -> "snapshot serial=" + (s.serial().isPresent() ? s.serial().getAsLong() : "unsigned")
                        + " age=" + age(s.ageSeconds()) + " source=" + s.source())
                .orElse("snapshot none (the agent has not applied one yet)"));
        lastPass.ifPresent(p -> lines.add("last_pass age=" + age(p.ageSeconds()) + " news=" + p.news() + " action=" + p.action()
                + (p.detail().isEmpty() ? "" : " detail=\"" + p.detail() + "\"")));
        nextFetch.ifPresent(n -> lines.add("next_fetch " + (n.inSeconds() >= 0 ? "in=" + age(n.inSeconds())
                : "overdue=" + age(-n.inSeconds())) + " reason=\"" + n.reason() + "\""));
        if (!sendPortConflicts.isEmpty()) {
            lines.add("send_port_conflicts=" + sendPortConflicts.size());
        }
        sendPortConflicts.forEach(c -> lines.add("send_port_conflict " + c));
        for (TunnelStatus t : tunnels) {
            lines.add(t.ifname()
                    + " peer=" + (t.peerName().isEmpty() ? "?" : t.peerName())
                    + " endpoint=" + t.endpoint().orElse("none")
                    + " handshake=" + (t.handshakeAgeSeconds().isPresent() ? age(t.handshakeAgeSeconds().getAsLong()) + " ago" : "never")
                    + " rx=" + t.rxBytes() + " tx=" + t.txBytes()
                    + (t.up() ? "" : " link=down"));
        }
        return lines;
    }

    public String json() {
        StringBuilder out = new StringBuilder("{\"snapshot\":");
        if (snapshot.isPresent()) {
            SnapshotStatus s = snapshot.get();
            out.append("{\"source\":").append(quote(s.source()))
                    .append(",\"serial\":").append(s.serial().isPresent() ? Long.toString(s.serial().getAsLong()) : "null")
                    .append(",\"age_seconds\":").append(s.ageSeconds()).append('}');
        } else {
            out.append("null");
        }
        out.append(",\"last_pass\":");
        if (lastPass.isPresent()) {
            LastPass p = lastPass.get();
            out.append("{\"age_seconds\":").append(p.ageSeconds()).append(",\"news\":").append(quote(p.news()))
                    .append(",\"action\":").append(quote(p.action())).append(",\"detail\":").append(quote(p.detail())).append('}');
        } else {
            out.append("null");
        }
        // Written only by a running agent: absent for a node that never ran one.
        nextFetch.ifPresent(n -> out.append(",\"next_fetch\":{\"in_seconds\":").append(n.inSeconds())
                .append(",\"reason\":").append(quote(n.reason())).append('}'));
        if (!sendPortConflicts.isEmpty()) {
            out.append(",\"send_port_conflicts\":[");
            for (int i = 0; i < sendPortConflicts.size(); i++) {
                if (i > 0) out.append(',');
                out.append(quote(sendPortConflicts.get(i)));
            }
            out.append(']');
        }
        out.append(",\"tunnels\":[");
        for (int i = 0; i < tunnels.size(); i++) {
            TunnelStatus t = tunnels.get(i);
            if (i > 0) out.append(',');
            out.append("{\"interface\":").append(quote(t.ifname()))
                    .append(",\"peer\":").append(quote(t.peerName()))
                    .append(",\"public_key\":").append(quote(t.peerKey()))
                    .append(",\"endpoint\":").append(t.endpoint().map(StatusReport::quote).orElse("null"))
                    .append(",\"handshake_age_seconds\":")
                    .append(t.handshakeAgeSeconds().isPresent() ? Long.toString(t.handshakeAgeSeconds().getAsLong()) : "null")
                    .append(",\"rx_bytes\":").append(t.rxBytes())
                    .append(",\"tx_bytes\":").append(t.txBytes())
                    .append(",\"up\":").append(t.up()).append('}');
        }
        return out.append("]}").toString();
    }

    /** 42s, 3m12s, 5h3m, 2d4h: short enough for a terminal line. */
    public static String age(long seconds) {
        if (seconds < 60) return seconds + "s";
        if (seconds < 3600) return seconds / 60 + "m" + seconds % 60 + "s";
        if (seconds < 86400) return seconds / 3600 + "h" + seconds % 3600 / 60 + "m";
        return seconds / 86400 + "d" + seconds % 86400 / 3600 + "h";
    }

    private static String quote(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                default -> {
                    if (c < 0x20) s.append(String.format("\\u%04x", (int) c));
                    else s.append(c);
                }
            }
        }
        return s.append('"').toString();
    }
}
