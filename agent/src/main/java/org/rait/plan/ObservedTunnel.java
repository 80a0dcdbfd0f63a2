package org.rait.plan;

import org.rait.netlink.Link;
import org.rait.netlink.LinkAddress;
import org.rait.wireguard.DeviceState;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A managed interface as found in the target namespace: its link, its addresses and what the WireGuard
 * backend reports (empty when the link exists but no WireGuard device answers for it).
 */
public record ObservedTunnel(Link link, List<LinkAddress> addresses, Optional<DeviceState> device) {
    public ObservedTunnel {
        Objects.requireNonNull(link, "link");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(device, "device");
    }

    public String ifname() {
        return link.name();
    }
}
