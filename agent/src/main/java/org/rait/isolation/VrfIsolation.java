package org.rait.isolation;

import org.rait.config.Isolation;
import org.rait.config.IsolationType;
import org.rait.netlink.Link;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;

/**
 * Isolation by a VRF device (isolation type "vrf"): the tunnels stay in the namespace rait runs in and
 * are enslaved to the VRF named by {@code target}, so the overlay is routed by the VRF's table and
 * never by the main one. The VRF is created with {@code vrf_table} (and set up) the first time an
 * interface needs it, so that a check or an empty mesh creates nothing.
 *
 * <p>{@code transit} must be empty: neither kernel WireGuard nor wireguard-go can bind its UDP socket
 * to a VRF (the WireGuard netlink API has no such attribute; the socket is opened unbound in the
 * namespace where the device was made), so the sockets use the default VRF of this namespace. rait
 * does not emulate a transit VRF with fwmark policy rules; an operator who needs one can add
 * {@code ip rule add fwmark <transport fwmark> table <transit table>} and set
 * {@code net.ipv4.udp_l3mdev_accept=1} themselves.
 */
public final class VrfIsolation implements IsolationScope {
    /** Linux interface names have at most 15 bytes. */
    private static final int IFNAMSIZ_MAX = 15;

    private final NetworkNamespace namespace;
    private final String vrfName;
    private final int vrfTable;

    private VrfIsolation(NetworkNamespace namespace, String vrfName, int vrfTable) {
        this.namespace = namespace;
        this.vrfName = vrfName;
        this.vrfTable = vrfTable;
    }

    /** VRF isolation in the namespace rait runs in. */
    public static VrfIsolation open(Isolation isolation) {
        return in(NetworkNamespace.current(), isolation);
    }

    /** VRF isolation in the given namespace, which this scope then owns and closes. */
    public static VrfIsolation in(NetworkNamespace namespace, Isolation isolation) {
        try {
            check(isolation);
            return new VrfIsolation(namespace, isolation.target(), isolation.vrfTable());
        } catch (RuntimeException e) {
            namespace.close();
            throw e;
        }
    }

    private static void check(Isolation isolation) {
        if (isolation.type() != IsolationType.VRF) {
            throw new IllegalArgumentException("VRF isolation needs isolation type \"vrf\", got \""
                    + isolation.type().spelling() + "\"");
        }
        if (!isolation.transit().isEmpty()) {
            throw new IllegalArgumentException("isolation transit = \"" + isolation.transit() + "\" with type = \"vrf\":"
                    + " WireGuard sockets cannot be bound to a VRF; leave transit empty (the sockets use the default VRF)");
        }
        String target = isolation.target();
        if (target.isEmpty() || target.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > IFNAMSIZ_MAX
                || target.contains("/") || target.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("isolation target = \"" + target + "\" with type = \"vrf\" must name"
                    + " the VRF device: 1 to 15 bytes, no '/' or spaces");
        }
        if (isolation.vrfTable() <= 0) {
            throw new IllegalArgumentException("isolation vrf_table = " + isolation.vrfTable()
                    + " with type = \"vrf\": the VRF's routing table must be 1 or more");
        }
    }

    public String vrfName() {
        return vrfName;
    }

    @Override
    public NetworkNamespace transit() {
        return namespace;
    }

    @Override
    public NetworkNamespace target() {
        return namespace;
    }

    /** Enslaves the interface to the VRF, creating the VRF first when it is missing. */
    @Override
    public void attach(RouteNetlink targetLinks, Link link) {
        int vrf = vrfIndex(targetLinks);
        if (link.masterIndex() != vrf) {
            targetLinks.setMaster(link.index(), vrf);
        }
    }

    /** The VRF device's index; made with the configured table and set up when it is missing or down. */
    private int vrfIndex(RouteNetlink links) {
        Link vrf = links.link(vrfName).orElse(null);
        if (vrf == null) {
            links.createVrf(vrfName, vrfTable);
            vrf = links.link(vrfName).orElseThrow(() -> new IllegalStateException(
                    "VRF " + vrfName + " was created (table " + vrfTable + ") but is not listed afterwards"));
        } else if (!"vrf".equals(vrf.kind())) {
            throw new IllegalStateException("isolation target \"" + vrfName + "\" is an interface of kind \""
                    + vrf.kind() + "\", not a VRF; rename it or choose another target");
        }
        if (!vrf.up()) {
            links.setUp(vrf.index(), true);
        }
        return vrf.index();
    }

    @Override
    public void close() {
        namespace.close();
    }
}
