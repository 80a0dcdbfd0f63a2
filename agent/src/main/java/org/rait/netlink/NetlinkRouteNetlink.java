package org.rait.netlink;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** {@link RouteNetlink} over one NETLINK_ROUTE socket opened inside the namespace. */
final class NetlinkRouteNetlink implements RouteNetlink {
    private final NetlinkSocket socket;
    private final String namespace;
    private final AtomicLong writes = new AtomicLong();
    /** Names from the last reads, so that errors about an index also say which interface it was. */
    private final Map<Integer, String> names = new HashMap<>();

    private NetlinkRouteNetlink(NetlinkSocket socket, String namespace) {
        this.socket = socket;
        this.namespace = namespace;
    }

    static NetlinkRouteNetlink open(NetworkNamespace namespace) {
        try {
            NetlinkSocket socket = namespace.call(new NetlinkSocket.Opening(Nl.NETLINK_ROUTE, 0));
            return new NetlinkRouteNetlink(socket, namespace.name());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot open rtnetlink in " + namespace, e);
        }
    }

    @Override
    public synchronized List<Link> links() {
        List<Link> links = new ArrayList<>();
        addLinks(socket.request(RtnetlinkRequests.dumpLinks()), links);
        return List.copyOf(links);
    }

    /** The links among these replies, added to {@code links}; their names are remembered by index. */
    private void addLinks(List<NetlinkMessage> replies, List<Link> links) {
        for (NetlinkMessage m : replies) {
            if (m.type() != Nl.RTM_NEWLINK) continue;
            Link l = LinkParser.link(m);
            names.put(l.index(), l.name());
            links.add(l);
        }
    }

    /** One RTM_GETLINK by name for each, sent together (a round trip for many); ENODEV: no such link. */
    @Override
    public synchronized List<Link> links(Collection<String> wanted) {
        List<NetlinkRequest> requests = new ArrayList<>(wanted.size());
        for (String name : wanted) requests.add(RtnetlinkRequests.getLink(name));
        List<Link> links = new ArrayList<>(wanted.size());
        for (Outcome outcome : socket.batch(requests)) {
            if (outcome.failed()) {
                if (outcome.error().errno() == Errno.ENODEV) continue;
                throw outcome.error();
            }
            addLinks(outcome.replies(), links);
        }
        return List.copyOf(links);
    }

    @Override
    public synchronized Optional<Link> link(String name) {
        try {
            for (NetlinkMessage m : socket.request(RtnetlinkRequests.getLink(name))) {
                if (m.type() != Nl.RTM_NEWLINK) continue;
                Link link = LinkParser.link(m);
                names.put(link.index(), link.name());
                return Optional.of(link);
            }
            return Optional.empty();
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) return Optional.empty();
            throw e;
        }
    }

    @Override
    public void createLink(String name, String kind) {
        write(RtnetlinkRequests.createLink(name, kind));
    }

    @Override
    public void createLink(String name, String kind, NetworkNamespace destination) {
        String where = destination.name().isEmpty() ? "current" : destination.name();
        write(RtnetlinkRequests.createLink(name, kind, destination.fd(), where));
    }

    @Override
    public void setLink(int index, LinkSettings settings) {
        write(RtnetlinkRequests.setLink(index, settings, describe(index)));
    }

    @Override
    public synchronized List<Outcome> batch(List<NetlinkRequest> requests) {
        // a loop, not a stream: `rait down` batches from several threads at once, interpreted, and each thread that
        // reaches an unlinked lambda call site first spins a class of its own (7 at 8 sockets)
        long written = 0;
        for (NetlinkRequest r : requests) if (r.write()) written++;
        writes.addAndGet(written);
        return socket.batch(requests);
    }

    @Override
    public void createVrf(String name, int table) {
        write(RtnetlinkRequests.createVrf(name, table));
    }

    @Override
    public void deleteLink(int index) {
        write(RtnetlinkRequests.deleteLink(index, describe(index)));
    }

    @Override
    public void setMtu(int index, int mtu) {
        write(RtnetlinkRequests.setMtu(index, mtu, describe(index)));
    }

    @Override
    public void setGroup(int index, long group) {
        write(RtnetlinkRequests.setGroup(index, group, describe(index)));
    }

    @Override
    public void setUp(int index, boolean up) {
        write(RtnetlinkRequests.setUp(index, up, describe(index)));
    }

    @Override
    public void setMaster(int index, int masterIndex) {
        write(RtnetlinkRequests.setMaster(index, masterIndex, describe(index)));
    }

    @Override
    public void moveToNamespace(int index, NetworkNamespace target) {
        String targetName = target.name().isEmpty() ? "current" : target.name();
        write(RtnetlinkRequests.moveToNamespace(index, target.fd(), describe(index), targetName));
    }

    @Override
    public void setAddrGenModeNone(int index) {
        write(RtnetlinkRequests.setAddrGenModeNone(index, describe(index)));
    }

    @Override
    public synchronized List<LinkAddress> addresses() {
        List<LinkAddress> addresses = new ArrayList<>();
        for (NetlinkMessage m : socket.request(RtnetlinkRequests.dumpAddresses())) {
            if (m.type() != Nl.RTM_NEWADDR) continue;
            Optional<LinkAddress> address = LinkParser.address(m);
            if (address.isPresent()) addresses.add(address.get());
        }
        return List.copyOf(addresses);
    }

    @Override
    public void addAddress(int index, InetAddress address, int prefixLength) {
        write(RtnetlinkRequests.addAddress(index, address, prefixLength, describe(index)));
    }

    @Override
    public void deleteAddress(int index, InetAddress address, int prefixLength) {
        write(RtnetlinkRequests.deleteAddress(index, address, prefixLength, describe(index)));
    }

    @Override
    public long writeRequests() {
        return writes.get();
    }

    @Override
    public void close() {
        socket.close();
    }

    /** Counted before sending: a refused change was still an attempt to write. */
    private synchronized void write(NetlinkRequest request) {
        writes.incrementAndGet();
        socket.request(request);
    }

    /** How errors name a link: "index=7 name=rait4x50180 netns=target". */
    synchronized String describe(int index) {
        String name = names.get(index);
        String where = namespace.isEmpty() ? "" : " netns=" + namespace;
        return "index=" + index + (name == null ? "" : " name=" + name) + where;
    }
}
