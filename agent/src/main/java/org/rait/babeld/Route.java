package org.rait.babeld;

import java.util.Objects;

/**
 * A route babeld learned from a neighbour. IPv4 prefixes may have an IPv6 {@code via}
 * (v4-via-v6), which is how tunnels without IPv4 addresses carry IPv4.
 *
 * @param from      the source prefix of a source-specific route; {@code ::/0} or {@code 0.0.0.0/0} otherwise
 * @param installed whether this is the route babeld put into the kernel for the prefix
 * @param routerId  the router that originated the prefix
 */
public record Route(String prefix, String from, boolean installed, String routerId, int metric, int refmetric,
                    String via, String interfaceName) {
    public static final int INFINITY = 0xFFFF;

    public Route {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(routerId, "routerId");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(interfaceName, "interfaceName");
    }

    public boolean feasible() {
        return metric < INFINITY;
    }
}
