package org.rait.plan;

import org.rait.netlink.Link;
import org.rait.netlink.LinkAddress;
import org.rait.wireguard.DeviceState;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A managed interface as found in the target namespace: its link, its addresses, what the WireGuard
 * backend reports (empty when the link exists but no WireGuard device answers for it) and the name of
 * the device it is enslaved to ("" for none).
 */
public record ObservedTunnel(Link link, List<LinkAddress> addresses, Optional<DeviceState> device, String master) {
    public ObservedTunnel {
        Objects.requireNonNull(link, "link");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(master, "master");
    }

    /** An interface enslaved to nothing. */
    public ObservedTunnel(Link link, List<LinkAddress> addresses, Optional<DeviceState> device) {
        this(link, addresses, device, "");
    }

    public String ifname() {
        return link.name();
    }
}
