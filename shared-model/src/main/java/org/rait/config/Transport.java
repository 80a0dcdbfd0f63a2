package org.rait.config;

import java.util.Objects;

/**
 * One underlay transport of this node (a `transport { }` block).
 *
 * @param sendPort  the destination port of every packet this node sends in this family; unique per node
 * @param address   the address other nodes reach us at (published by `rait pub`); "" when none
 * @param bindAddr  accepted for compatibility; neither kernel WireGuard nor wireguard-go can honour it
 * @param keepalive persistent keepalive in seconds, 0 = off (ours: for nodes behind NAT)
 */
public record Transport(
        AddressFamily addressFamily,
        int sendPort,
        int mtu,
        String ifprefix,
        String address,
        String bindAddr,
        long fwmark,
        boolean randomPort,
        int keepalive) {

    public static final int DEFAULT_MTU = 1420;

    /**
     * What rait answers, once per run, to bind_addr and to RAIT's `-b/--bind`: the original tool relied on a
     * patched WireGuard library to bind to one address.
     */
    public static final String BIND_NOTICE = "has no effect here: neither kernel WireGuard nor wireguard-go can bind"
            + " to one address, so the tunnels listen on every address; the source of what they send follows the routes"
            + " (a policy route with src for the transport's fwmark picks it)";

    public Transport {
        Objects.requireNonNull(addressFamily, "addressFamily");
        Objects.requireNonNull(ifprefix, "ifprefix");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(bindAddr, "bindAddr");
    }

    public static String defaultIfprefix(AddressFamily family) {
        return family == AddressFamily.IP4 ? "rait4x" : "rait6x";
    }
}
