package org.rait.babeld;

import org.rait.config.BabeldConfig;
import org.rait.config.Isolation;
import org.rait.config.IsolationType;
import org.rait.netlink.Link;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;

import java.util.List;

/**
 * Where babeld is for one rait.conf: its control socket, reached from the namespace of rait's interfaces, and the
 * links there. The socket and kernel edges of `rait babeld` and of the babeld step of a pass.
 */
public final class Babeld {
    private Babeld() {
    }

    /**
     * Connects to babeld's control socket. A TCP socket is opened from inside the target namespace:
     * babeld runs where rait's interfaces are, and its {@code -G PORT} listens on that namespace's
     * loopback. A unix socket is a path and reachable from anywhere.
     */
    public static BabeldClient connect(BabeldConfig babeld, Isolation isolation, Timeouts timeouts) {
        ControlSocket socket = ControlSocket.of(babeld);
        String namespace = namespaceOfInterfaces(isolation);
        if (socket instanceof ControlSocket.Unix || namespace.isEmpty()) {
            return BabeldClient.connect(socket, timeouts);
        }
        if (!NetworkNamespace.exists(namespace)) {
            throw new BabeldException("babeld control socket " + socket + " is in network namespace \"" + namespace
                    + "\", which does not exist yet (run rait up first)");
        }
        try (NetworkNamespace target = NetworkNamespace.open(namespace)) {
            return connect(babeld, target, timeouts);
        }
    }

    /** Connects from inside {@code where}, the namespace of rait's interfaces, already open (a pass holds it). */
    public static BabeldClient connect(BabeldConfig babeld, NetworkNamespace where, Timeouts timeouts) {
        ControlSocket socket = ControlSocket.of(babeld);
        if (socket instanceof ControlSocket.Unix || where.name().isEmpty()) {
            return BabeldClient.connect(socket, timeouts);
        }
        try {
            return where.call(() -> BabeldClient.connect(socket, timeouts));
        } catch (BabeldException e) {
            throw e;
        } catch (Exception e) {
            throw new BabeldException("cannot reach babeld control socket " + socket + " in network namespace \""
                    + where.name() + "\": " + e.getMessage(), e);
        }
    }

    /**
     * The links where rait's interfaces live, read over a socket of its own: for `rait babeld sync`, which runs outside
     * a pass. Empty when that namespace does not exist (rait never ran here, or ran down: it manages nothing).
     */
    public static List<Link> links(Isolation isolation) {
        String namespace = namespaceOfInterfaces(isolation);
        if (!NetworkNamespace.exists(namespace)) return List.of();
        try (NetworkNamespace target = NetworkNamespace.open(namespace);
             RouteNetlink links = RouteNetlink.open(target)) {
            return links.links();
        }
    }

    /** In VRF mode the interfaces stay in rait's own namespace; {@code target} names the VRF device. */
    public static String namespaceOfInterfaces(Isolation isolation) {
        return isolation.type() == IsolationType.NETNS ? isolation.target() : "";
    }
}
