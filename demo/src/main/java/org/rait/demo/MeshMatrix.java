package org.rait.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who reaches whom: for every ordered pair of nodes, whether a ping crosses their own tunnel (to the
 * peer's link-local address), whether babeld routes the peer's own address, and how old the tunnel's
 * last handshake is.
 */
public record MeshMatrix(List<String> names, Map<Pair, Reach> cells) {
    public record Pair(String from, String to) {
    }

    /** @param handshakeAge empty when the tunnel has had no handshake (or does not exist) */
    public record Reach(boolean tunnel, boolean routed, Optional<Duration> handshakeAge) {
        boolean full() {
            return tunnel && routed;
        }
    }

    public MeshMatrix {
        names = List.copyOf(names);
        cells = Map.copyOf(cells);
    }

    /** Every node reaches every other over its tunnel and by babeld's route. */
    public boolean converged() {
        return reachingPairs() == names.size() * (names.size() - 1);
    }

    public long reachingPairs() {
        return cells.values().stream().filter(Reach::full).count();
    }

    public int pairs() {
        return names.size() * (names.size() - 1);
    }

    /** Rows are senders, columns receivers; a cell reads "tunnel+route (handshake age)". */
    public String render() {
        int width = Math.max(22, names.stream().mapToInt(String::length).max().orElse(0) + 2);
        StringBuilder out = new StringBuilder(String.format("%-" + width + "s", "from \\ to"));
        names.forEach(n -> out.append(String.format("%-" + width + "s", n)));
        out.append('\n');
        for (String from : names) {
            out.append(String.format("%-" + width + "s", from));
            for (String to : names) {
                out.append(String.format("%-" + width + "s", from.equals(to) ? "-" : cell(cells.get(new Pair(from, to)))));
            }
            out.append('\n');
        }
        out.append("tunnel = ping over the direct tunnel's link-local address; route = ping of the node's own address routed by babeld; hs = last handshake\n");
        return out.toString();
    }

    private static String cell(Reach reach) {
        if (reach == null) return "?";
        String text = (reach.tunnel() ? "tunnel" : "no-tunnel") + "+" + (reach.routed() ? "route" : "no-route");
        return text + reach.handshakeAge().map(a -> " hs " + a.toSeconds() + "s").orElse("");
    }
}
