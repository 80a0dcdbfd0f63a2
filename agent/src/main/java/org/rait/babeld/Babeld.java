package org.rait.babeld;

import org.rait.config.BabeldConfig;
import org.rait.config.Isolation;
import org.rait.config.IsolationType;
import org.rait.config.RaitConfig;
import org.rait.config.Transport;
import org.rait.netlink.Link;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * babeld as one rait.conf sees it: the control socket of its {@code babeld} block and the interfaces
 * rait manages in the isolation's target. The kernel and socket edges of `rait babeld` and of the
 * babeld step of `rait up`.
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

    /** The interfaces rait manages now, read over rtnetlink where they live. */
    public static RaitInterfaces raitInterfaces(RaitConfig config) {
        List<String> prefixes = config.transports().stream().map(Transport::ifprefix).toList();
        String namespace = namespaceOfInterfaces(config.isolation());
        if (!NetworkNamespace.exists(namespace)) {
            // rait never ran here (or ran down): it manages nothing, so babeld should run on none of its names.
            return new RaitInterfaces(new TreeSet<>(), Set.of(), prefixes);
        }
        try (NetworkNamespace target = NetworkNamespace.open(namespace);
             RouteNetlink links = RouteNetlink.open(target)) {
            return RaitInterfaces.of(links.links(), config.isolation().ifgroup(), prefixes);
        }
    }

    /** One babeld sync for the configuration; the configuration must have a babeld block. */
    public static SyncOutcome sync(RaitConfig config, Timeouts timeouts) {
        BabeldConfig babeld = config.babeld().orElseThrow(() ->
                new IllegalArgumentException("rait.conf has no babeld block: nothing to sync"));
        RaitInterfaces rait = raitInterfaces(config);
        try (BabeldClient client = connect(babeld, config.isolation(), timeouts)) {
            return BabeldSync.run(client, rait, babeld);
        }
    }

    /** One babeld sync in a pass: rait's interfaces as the pass's own netlink socket sees them, babeld reached from there. */
    public static SyncOutcome sync(RaitConfig config, List<Link> links, NetworkNamespace where, Timeouts timeouts) {
        BabeldConfig babeld = config.babeld().orElseThrow(() ->
                new IllegalArgumentException("rait.conf has no babeld block: nothing to sync"));
        RaitInterfaces rait = RaitInterfaces.of(links, config.isolation().ifgroup(),
                config.transports().stream().map(Transport::ifprefix).toList());
        try (BabeldClient client = connect(babeld, where, timeouts)) {
            return BabeldSync.run(client, rait, babeld);
        }
    }

    /** In VRF mode the interfaces stay in rait's own namespace; {@code target} names the VRF device. */
    private static String namespaceOfInterfaces(Isolation isolation) {
        return isolation.type() == IsolationType.NETNS ? isolation.target() : "";
    }
}
