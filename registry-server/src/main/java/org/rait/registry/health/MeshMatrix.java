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
import java.util.OptionalLong;

/**
 * The mesh as the approved nodes report it: for each directed pair (from, to), the age of the latest handshake
 * that {@code from} reports on its tunnels to {@code to}, as of now (the report's age added). Pure.
 */
public record MeshMatrix(List<Node> nodes, List<Pair> pairs) {
    /**
     * A handshake older than this is stale. WireGuard renews the handshake every 2 minutes while traffic flows
     * (babeld's hellos, a keepalive), so a working tunnel never gets here.
     */
    public static final Duration STALE_AFTER = Duration.ofSeconds(180);

    public enum State {
        /** A handshake within {@link #STALE_AFTER}. */
        FRESH,
        /** The last handshake is older than {@link #STALE_AFTER}. */
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
     */
    public record Pair(Node from, Node to, OptionalLong handshakeAgeSeconds, State state, boolean asymmetric) {
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
                oneWay.add(pair(from, to.node(), now));
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (Pair p : oneWay) {
            boolean asymmetric = oneWay.stream().filter(q -> q.from() == p.to() && q.to() == p.from()).findFirst()
                    .map(q -> (q.state() == State.FRESH) != (p.state() == State.FRESH)).orElse(false);
            pairs.add(new Pair(p.from(), p.to(), p.handshakeAgeSeconds(), p.state(), asymmetric));
        }
        return new MeshMatrix(approved.stream().map(NodeStatus::node).toList(), pairs);
    }

    private static Pair pair(NodeStatus from, Node to, Instant now) {
        if (!from.online() || from.report().isEmpty()) return new Pair(from.node(), to, OptionalLong.empty(), State.SILENT, false);
        long reportAge = from.lastSeenAgeSeconds(now).orElse(0L);
        List<PeerHealth> tunnels = from.report().get().peers().stream().filter(p -> p.peerKey().equals(to.publicKey())).toList();
        if (tunnels.isEmpty()) return new Pair(from.node(), to, OptionalLong.empty(), State.NO_TUNNEL, false);
        OptionalLong freshest = tunnels.stream().map(PeerHealth::handshakeAgeSeconds).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).min();
        if (freshest.isEmpty()) return new Pair(from.node(), to, OptionalLong.empty(), State.NEVER, false);
        long age = freshest.getAsLong() + reportAge;
        return new Pair(from.node(), to, OptionalLong.of(age), age > STALE_AFTER.toSeconds() ? State.STALE : State.FRESH, false);
    }

    public Optional<Pair> pair(WgKey from, WgKey to) {
        return pairs.stream().filter(p -> p.from().publicKey().equals(from) && p.to().publicKey().equals(to)).findFirst();
    }

    static String label(Node node) {
        return node.name().isEmpty() ? node.publicKey().base64().substring(0, 8) : node.name();
    }
}
