package org.rait.netlink;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One rtnetlink socket bound to one network namespace, reused for a whole pass.
 * Every kernel error surfaces as a {@link NetlinkException} carrying errno, its name and the request.
 *
 * <p>Contract: obtained with {@code RouteNetlink.open(NetworkNamespace)} from the implementation in this
 * package. {@link #writeRequests()} counts requests that asked the kernel to change something, so that a
 * no-op pass can prove it wrote nothing.
 */
public interface RouteNetlink extends AutoCloseable {
    /** A NETLINK_ROUTE socket created inside {@code namespace}; it stays bound to it for its whole life. */
    static RouteNetlink open(NetworkNamespace namespace) {
        return NetlinkRouteNetlink.open(namespace);
    }

    List<Link> links();

    /**
     * The links of these names that exist (a missing one is left out), each asked for by name: the kernel answers for
     * these only, where a dump sends and parses every link of the namespace. The default reads a dump.
     */
    default List<Link> links(Collection<String> names) {
        List<Link> found = new ArrayList<>();
        for (Link l : links()) if (names.contains(l.name())) found.add(l);
        return found;
    }

    Optional<Link> link(String name);

    /** RTM_NEWLINK with IFLA_INFO_KIND, for instance "wireguard". */
    void createLink(String name, String kind);

    /** A new link made in {@code destination}; a WireGuard device keeps its UDP socket where this socket is. */
    void createLink(String name, String kind, NetworkNamespace destination);

    /** Group, MTU and address generation of a link, in one request. */
    void setLink(int index, LinkSettings settings);

    /**
     * Sends the requests (built by {@link RtnetlinkRequests}) back to back and returns each one's outcome,
     * in order: a refused request does not stop the others. Counts the writes among them.
     */
    List<Outcome> batch(List<NetlinkRequest> requests);

    /** A VRF device bound to a routing table. */
    void createVrf(String name, int table);

    void deleteLink(int index);

    void setMtu(int index, int mtu);

    void setGroup(int index, long group);

    void setUp(int index, boolean up);

    /** 0 releases the interface from its master. */
    void setMaster(int index, int masterIndex);

    void moveToNamespace(int index, NetworkNamespace target);

    void setAddrGenModeNone(int index);

    /** Every address of the namespace, one dump. */
    List<LinkAddress> addresses();

    /** The addresses of one link (a whole dump, filtered: read them all at once when there are several links). */
    default List<LinkAddress> addresses(int index) {
        List<LinkAddress> these = new ArrayList<>();
        for (LinkAddress a : addresses()) if (a.linkIndex() == index) these.add(a);
        return List.copyOf(these);
    }

    void addAddress(int index, InetAddress address, int prefixLength);

    void deleteAddress(int index, InetAddress address, int prefixLength);

    long writeRequests();

    @Override
    void close();
}
