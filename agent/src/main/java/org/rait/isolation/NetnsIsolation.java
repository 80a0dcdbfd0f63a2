package org.rait.isolation;

import org.rait.config.Isolation;
import org.rait.netlink.Link;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;

/**
 * Isolation by network namespaces (RAIT's default): sockets in transit, which must exist ("" = the
 * namespace rait runs in), interfaces in target, created like `ip netns add` when missing. Moving the
 * interface is all there is to it, so {@link #attach} has nothing to do.
 */
public final class NetnsIsolation implements IsolationScope {
    private final NetworkNamespace transit;
    private final NetworkNamespace target;

    private NetnsIsolation(NetworkNamespace transit, NetworkNamespace target) {
        this.transit = transit;
        this.target = target;
    }

    public static NetnsIsolation open(Isolation isolation) {
        NetworkNamespace transit = NetworkNamespace.open(isolation.transit());
        try {
            return new NetnsIsolation(transit, NetworkNamespace.openOrCreate(isolation.target()));
        } catch (RuntimeException e) {
            transit.close();
            throw e;
        }
    }

    @Override
    public NetworkNamespace transit() {
        return transit;
    }

    @Override
    public NetworkNamespace target() {
        return target;
    }

    @Override
    public void attach(RouteNetlink targetLinks, Link link) {
        // The move into target is the whole isolation.
    }

    @Override
    public void close() {
        target.close();
        transit.close();
    }
}
