package org.rait.registry.health;

import org.rait.health.PeerHealth;
import org.rait.keys.WgKey;
import org.rait.registry.store.Node;
import org.rait.registry.store.NodeState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The mesh as the approved nodes report it: for each directed pair (from, to), what {@code from}'s latest report
 * says of its tunnels to {@code to} (and, for the keepalive rule, what {@code to}'s says of its tunnels back). Pure.
 * <p>
 * A tunnel is <b>stale</b> when any of these holds (the pair's reason lists each that does), <b>fresh</b> otherwise:
 * <ol>
 *   <li>its latest handshake is older than {@link #STALE_AFTER}, as of now (the report's age added): traffic renews
 *       it every 2 minutes, so nothing went through for a while. The slow rule, the only one for idle tunnels.</li>
 *   <li>babeld runs on {@code from} and has no usable neighbour on the tunnel (cost 65535, or none heard): with
 *       babeld's hellos every H s this shows a few H after a cut (babeld's IHU timeout).</li>
 *   <li>{@code to} keeps its tunnels to {@code from} alive (persistent keepalive K &gt; 0 and an endpoint on every one
 *       of them, per its latest report) and {@code from}'s rx counter on the tunnel has stood still for more than
 *       K + {@link #KEEPALIVE_SLACK}: {@code to} sends something at least every K s, so nothing arrives.</li>
 * </ol>
 * A pair is fresh when one of its tunnels is (both families: one working is enough); its age is the freshest
 * handshake. A pair is <b>asymmetric</b> when it is fresh one way and not the other way.
 */
public record MeshMatrix(List<Node> nodes, List<Pair> pairs) {
    /**
     * A handshake older than this is stale. WireGuard renews the handshake every 2 minutes while traffic flows
     * (babeld's hellos, a keepalive), so a working tunnel never gets here.
     */
    public static final Duration STALE_AFTER = Duration.ofSeconds(180);
    /** Covers the agent's one-second look cache and whole seconds on both ends. */
    public static final Duration KEEPALIVE_SLACK = Duration.ofSeconds(2);

    public enum State {
        /** A tunnel none of the stale rules holds for. */
        FRESH,
        /** Every tunnel to the peer meets a stale rule: the pair's reason says which ones. */
        STALE,
        /** The tunnel is there, no handshake ever. */
        NEVER,
        /** The report has no tunnel to this peer. */
        NO_TUNNEL,
        /** The from node is not online (no report within two of its intervals): nothing is known. */
        SILENT;

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * @param handshakeAgeSeconds as of now; empty when there is none to tell
     * @param asymmetric          this direction is fresh and the other not, or the other way round
     * @param reason              why a stale pair is stale, in an operator's words; "" for the other states
     */
    public record Pair(Node from, Node to, OptionalLong handshakeAgeSeconds, State state, boolean asymmetric, String reason) {
    }

    public MeshMatrix {
        nodes = List.copyOf(nodes);
        pairs = List.copyOf(pairs);
    }

    /** The approved nodes, by name then key, every ordered pair of them. */
    public static MeshMatrix of(List<NodeStatus> statuses, Instant now) {
        List<NodeStatus> approved = statuses.stream().filter(s -> s.node().state() == NodeState.APPROVED)
                .sorted(Comparator.comparing((NodeStatus s) -> s.node().name()).thenComparing(s -> s.node().publicKey().base64()))
                .toList();
        List<Pair> oneWay = new ArrayList<>();
        for (NodeStatus from : approved) {
            for (NodeStatus to : approved) {
                if (from == to) continue;
                oneWay.add(pair(from, to, now));
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (Pair p : oneWay) {
            boolean asymmetric = oneWay.stream().filter(q -> q.from() == p.to() && q.to() == p.from()).findFirst()
                    .map(q -> (q.state() == State.FRESH) != (p.state() == State.FRESH)).orElse(false);
            pairs.add(new Pair(p.from(), p.to(), p.handshakeAgeSeconds(), p.state(), asymmetric, p.reason()));
        }
        return new MeshMatrix(approved.stream().map(NodeStatus::node).toList(), pairs);
    }

    private static Pair pair(NodeStatus from, NodeStatus to, Instant now) {
        if (!from.online() || from.report().isEmpty()) return new Pair(from.node(), to.node(), OptionalLong.empty(), State.SILENT, false, "");
        long reportAge = from.lastSeenAgeSeconds(now).orElse(0L);
        List<PeerHealth> tunnels = tunnels(from, to.node());
        if (tunnels.isEmpty()) return new Pair(from.node(), to.node(), OptionalLong.empty(), State.NO_TUNNEL, false, "");
        OptionalLong freshest = tunnels.stream().map(PeerHealth::handshakeAgeSeconds).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).min();
        if (freshest.isEmpty()) return new Pair(from.node(), to.node(), OptionalLong.empty(), State.NEVER, false, "");
        OptionalLong age = OptionalLong.of(freshest.getAsLong() + reportAge);
        OptionalInt keepalive = keptAlive(to, from.node());
        List<String> reasons = new ArrayList<>();
        for (PeerHealth tunnel : tunnels) {
            List<String> met = staleReasons(tunnel, reportAge, keepalive, label(to.node()));
            if (met.isEmpty()) return new Pair(from.node(), to.node(), age, State.FRESH, false, "");
            reasons.add((tunnels.size() == 1 ? "" : tunnel.interfaceName() + ": ") + String.join(", ", met));
        }
        return new Pair(from.node(), to.node(), age, State.STALE, false, String.join("; ", reasons));
    }

    /** Every stale rule the tunnel meets, in the order of the class comment; none when it is fresh. */
    private static List<String> staleReasons(PeerHealth tunnel, long reportAge, OptionalInt peerKeepalive, String peer) {
        if (tunnel.handshakeAgeSeconds().isEmpty()) return List.of("no handshake yet");
        List<String> reasons = new ArrayList<>();
        long handshakeAge = tunnel.handshakeAgeSeconds().getAsLong() + reportAge;
        if (handshakeAge > STALE_AFTER.toSeconds()) {
            reasons.add("no handshake for " + handshakeAge + " s (more than " + STALE_AFTER.toSeconds() + " s)");
        }
        if (tunnel.babeldCost().isPresent() && tunnel.babeldCost().getAsInt() >= PeerHealth.BABELD_UNREACHABLE) {
            reasons.add("babeld has no usable neighbour on " + tunnel.interfaceName());
        }
        if (peerKeepalive.isPresent() && tunnel.rxIdleSeconds().isPresent()
                && tunnel.rxIdleSeconds().getAsLong() > peerKeepalive.getAsInt() + KEEPALIVE_SLACK.toSeconds()) {
            reasons.add("nothing received for " + tunnel.rxIdleSeconds().getAsLong() + " s though " + peer
                    + " keeps it alive every " + peerKeepalive.getAsInt() + " s");
        }
        return reasons;
    }

    /**
     * The keepalive {@code node} sends {@code peer} at least that often with: the longest of its tunnels to the peer,
     * when every one of them has a keepalive and an endpoint per its latest report (online or not: a node gone quiet
     * sends nothing, and that is what the rule is to show); empty otherwise.
     */
    private static OptionalInt keptAlive(NodeStatus node, Node peer) {
        if (node.report().isEmpty()) return OptionalInt.empty();
        List<PeerHealth> tunnels = tunnels(node, peer);
        if (tunnels.isEmpty() || !tunnels.stream().allMatch(t -> t.keepaliveSeconds() > 0 && t.endpoint().isPresent())) {
            return OptionalInt.empty();
        }
        return tunnels.stream().mapToInt(PeerHealth::keepaliveSeconds).max();
    }

    private static List<PeerHealth> tunnels(NodeStatus from, Node to) {
        return from.report().map(r -> r.peers().stream().filter(p -> p.peerKey().equals(to.publicKey())).toList()).orElse(List.of());
    }

    public Optional<Pair> pair(WgKey from, WgKey to) {
        return pairs.stream().filter(p -> p.from().publicKey().equals(from) && p.to().publicKey().equals(to)).findFirst();
    }

    static String label(Node node) {
        return node.name().isEmpty() ? node.publicKey().base64().substring(0, 8) : node.name();
    }
}
