package org.rait.isolation;

import org.rait.config.Isolation;
import org.rait.config.IsolationType;
import org.rait.netlink.Link;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;

/**
 * Where tunnels live for one pass: the namespace of their UDP sockets (transit) and the namespace of
 * the interfaces (target), plus whatever the isolation mechanism does to an interface once it is in
 * target (a VRF enslaves it). One implementation per mechanism; netns now.
 */
public interface IsolationScope extends AutoCloseable {
    NetworkNamespace transit();

    NetworkNamespace target();

    /** Called for a new interface in target, before it is brought up. */
    void attach(RouteNetlink targetLinks, Link link);

    @Override
    void close();

    /** Opens the scope the configuration asks for; creates the target namespace when missing. */
    static IsolationScope open(Isolation isolation) {
        if (isolation.type() == IsolationType.NETNS) return NetnsIsolation.open(isolation);
        throw new UnsupportedOperationException("isolation type \"" + isolation.type().spelling()
                + "\" is not built in this version; use type = \"netns\"");
    }

    /** Whether anything managed can exist yet: false when the target namespace was never created. */
    static boolean targetExists(Isolation isolation) {
        return isolation.target().isEmpty() || java.nio.file.Files.exists(java.nio.file.Path.of("/run/netns", isolation.target()));
    }
}
