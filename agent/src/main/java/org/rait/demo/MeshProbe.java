package org.rait.demo;

import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.PeerState;
import org.rait.wireguard.WireGuardException;
import org.rait.wireguard.userspace.UserspaceWireGuard;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Measures a {@link MeshMatrix} with real pings inside the nodes' target namespaces and UAPI reads. */
public final class MeshProbe {
    /** Reading a device over UAPI needs no netlink; a call to it would be a bug in the probe. */
    private static final Function<NetworkNamespace, RouteNetlink> NO_NETLINK = ns -> {
        throw new IllegalStateException("the mesh probe only reads devices");
    };

    private MeshProbe() {
    }

    public static MeshMatrix probe(List<DemoNode> nodes) {
        Map<MeshMatrix.Pair, CompletableFuture<MeshMatrix.Reach>> pending = new HashMap<>();
        for (DemoNode from : nodes) {
            for (DemoNode to : nodes) {
                if (from == to) continue;
                pending.put(new MeshMatrix.Pair(from.name(), to.name()), CompletableFuture.supplyAsync(() -> reach(from, to)));
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
        return new MeshMatrix.Reach(tunnel, routed, handshakeAge(from, to));
    }

    public static boolean pingsOverTunnel(DemoNode from, DemoNode to) {
        return from.inTarget("ping -6 -c1 -W1 " + to.linkLocalFor(from) + "%" + from.interfaceFor(to)).ok();
    }

    public static Optional<Duration> handshakeAge(DemoNode from, DemoNode to) {
        try (UserspaceWireGuard devices = new UserspaceWireGuard(from.socketDirectory(), NO_NETLINK)) {
            Optional<DeviceState> device = devices.read(from.interfaceFor(to), null);
            return device.flatMap(d -> d.peers().stream().findFirst())
                    .map(PeerState::lastHandshakeEpochSeconds)
                    .filter(seconds -> seconds > 0)
                    .map(seconds -> Duration.between(Instant.ofEpochSecond(seconds), Instant.now()));
        } catch (WireGuardException e) {
            return Optional.empty();
        }
    }
}
