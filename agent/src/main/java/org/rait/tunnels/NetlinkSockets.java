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
        return new NetlinkSockets(new Real());
    }

    /**
     * {@code RouteNetlink::open} as a class. Here, as on the rest of a one-shot's path, plain code and named
     * classes stand in for lambdas and method references: each is linked through the JDK's method handles at
     * its first use in every run, ~0.15 ms on the host and ~5 ms in the VM guest (docs/benchmarks.md, "Sixth round").
     */
    private static final class Real implements Function<NetworkNamespace, RouteNetlink> {
        @Override
        public RouteNetlink apply(NetworkNamespace namespace) {
            return RouteNetlink.open(namespace);
        }
    }

    @Override
    public synchronized RouteNetlink apply(NetworkNamespace namespace) {
        RouteNetlink socket = open.get(namespace.name());
        if (socket == null) {
            socket = opener.apply(namespace);
            open.put(namespace.name(), socket);
        }
        return socket;
    }

    /** Write requests sent over all of them so far. */
    public synchronized long writeRequests() {
        long writes = 0; // a loop: a LongStream's lambdas are spun at run time in every one-shot `rait up`
        for (RouteNetlink socket : open.values()) writes += socket.writeRequests();
        return writes;
    }

    @Override
    public synchronized void close() {
        for (RouteNetlink socket : open.values()) socket.close();
        open.clear();
    }
}
