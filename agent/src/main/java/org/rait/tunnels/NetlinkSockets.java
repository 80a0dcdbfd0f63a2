package org.rait.tunnels;

import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The rtnetlink sockets of one pass: one per namespace, opened on first use, closed together. */
public final class NetlinkSockets implements Function<NetworkNamespace, RouteNetlink>, AutoCloseable {
    private final Function<NetworkNamespace, RouteNetlink> opener;
    private final Map<String, RouteNetlink> open = new LinkedHashMap<>();

    public NetlinkSockets(Function<NetworkNamespace, RouteNetlink> opener) {
        this.opener = opener;
    }

    public static NetlinkSockets real() {
        return new NetlinkSockets(RouteNetlink::open);
    }

    @Override
    public synchronized RouteNetlink apply(NetworkNamespace namespace) {
        return open.computeIfAbsent(namespace.name(), name -> opener.apply(namespace));
    }

    /** Write requests sent over all of them so far. */
    public synchronized long writeRequests() {
        long writes = 0; // a loop: a LongStream's lambdas are spun at run time in every one-shot `rait up`
        for (RouteNetlink socket : open.values()) writes += socket.writeRequests();
        return writes;
    }

    @Override
    public synchronized void close() {
        open.values().forEach(RouteNetlink::close);
        open.clear();
    }
}
