package org.rait.netlink;

import java.util.Objects;

/**
 * A network interface as rtnetlink reports it.
 *
 * @param kind        IFLA_INFO_KIND ("wireguard", "vrf", "veth", "tun"...), "" when the kernel gives none
 * @param group       IFLA_GROUP
 * @param masterIndex IFLA_MASTER, 0 when none
 * @param addrGenMode IFLA_INET6_ADDR_GEN_MODE (0 eui64, 1 none, 2 stable, 3 random), -1 when unknown
 */
public record Link(int index, String name, String kind, long group, int mtu, boolean up, int masterIndex, int addrGenMode) {
    public static final int ADDR_GEN_MODE_NONE = 1;

    public Link {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
