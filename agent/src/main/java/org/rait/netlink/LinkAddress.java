package org.rait.netlink;

import java.net.InetAddress;
import java.util.Objects;

/** An address on an interface (RTM_NEWADDR). */
public record LinkAddress(int linkIndex, InetAddress address, int prefixLength) {
    public LinkAddress {
        Objects.requireNonNull(address, "address");
    }
}
