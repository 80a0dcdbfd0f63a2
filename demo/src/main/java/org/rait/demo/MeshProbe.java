package org.rait.demo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Measures a {@link MeshMatrix} from outside, as an operator would: pings inside the nodes' target
 * namespaces to the addresses the kernel shows, and the handshake ages `rait list` prints.
 */
public final class MeshProbe {
    private MeshProbe() {
    }

    /** Who reaches whom, without handshake ages (cheap enough to repeat every second). */
    public static MeshMatrix probe(List<DemoNode> nodes) {
        return probe(nodes, node -> Map.of());
    }

    /** Who reaches whom, with every tunnel's handshake age (one `rait list` per node). */
    public static MeshMatrix probeWithHandshakes(List<DemoNode> nodes, Map<String, String> environment) {
        return probe(nodes, node -> node.handshakeAges(environment));
    }

    private static MeshMatrix probe(List<DemoNode> nodes, Function<DemoNode, Map<String, Duration>> ages) {
        Map<MeshMatrix.Pair, CompletableFuture<MeshMatrix.Reach>> pending = new HashMap<>();
        for (DemoNode from : nodes) {
            CompletableFuture<Map<String, Duration>> handshakes = CompletableFuture.supplyAsync(() -> ages.apply(from));
            for (DemoNode to : nodes) {
                if (from == to) continue;
                pending.put(new MeshMatrix.Pair(from.name(), to.name()), CompletableFuture.supplyAsync(() -> reach(from, to))
                        .thenCombine(handshakes, (reach, age) -> new MeshMatrix.Reach(reach.tunnel(), reach.routed(),
                                Optional.ofNullable(age.get(from.interfaceFor(to))))));
            }
        }
        Map<MeshMatrix.Pair, MeshMatrix.Reach> cells = new HashMap<>();
        pending.forEach((pair, future) -> cells.put(pair, future.join()));
        return new MeshMatrix(nodes.stream().map(DemoNode::name).toList(), cells);
    }

    /** One ping over the direct tunnel and one to the peer's own address, both from inside {@code from}. */
    public static MeshMatrix.Reach reach(DemoNode from, DemoNode to) {
        boolean tunnel = pingsOverTunnel(from, to);
        boolean routed = from.inTarget("ping -6 -c1 -W1 " + to.loopbackAddress()).ok();
        return new MeshMatrix.Reach(tunnel, routed, Optional.empty());
    }

    /** A ping to the address the peer's end of the tunnel has, out of our end of it. */
    public static boolean pingsOverTunnel(DemoNode from, DemoNode to) {
        return to.linkLocalFor(from)
                .map(address -> from.inTarget("ping -6 -c1 -W1 " + address + "%" + from.interfaceFor(to)).ok())
                .orElse(false);
    }
}
