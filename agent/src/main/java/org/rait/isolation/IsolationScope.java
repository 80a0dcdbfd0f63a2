package org.rait.isolation;

import org.rait.config.Isolation;
import org.rait.config.IsolationType;
import org.rait.netlink.Link;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;

/**
 * Where tunnels live for one pass: the namespace of their UDP sockets (transit) and the namespace of
 * the interfaces (target), plus whatever the isolation mechanism does to an interface once it is in
 * target (a VRF enslaves it). One implementation per mechanism: {@link NetnsIsolation}, {@link VrfIsolation}.
 */
public interface IsolationScope extends AutoCloseable {
    NetworkNamespace transit();

    NetworkNamespace target();

    /** Called for a new interface in target, before it is brought up. */
    void attach(RouteNetlink targetLinks, Link link);

    @Override
    void close();

    /** Opens the scope the configuration asks for; creates the target namespace (netns) when missing. */
    static IsolationScope open(Isolation isolation) {
        return switch (isolation.type()) {
            case NETNS -> NetnsIsolation.open(isolation);
            case VRF -> VrfIsolation.open(isolation);
        };
    }

    /** Whether anything managed can exist yet: false when the target namespace was never created. */
    static boolean targetExists(Isolation isolation) {
        // with a VRF the interfaces live in the namespace rait runs in, which always exists
        return isolation.type() == IsolationType.VRF || isolation.target().isEmpty() || java.nio.file.Files.exists(java.nio.file.Path.of("/run/netns", isolation.target()));
    }
}
