package org.rait.tunnels;

import org.rait.netlink.Link;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;
import org.rait.plan.ObservedTunnel;
import org.rait.wireguard.WireGuard;

import org.rait.wireguard.DeviceState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What rait manages in the target namespace: links in the isolation's ifgroup that are WireGuard
 * devices: kind wireguard, or a TUN that a wireguard-go of this rait instance answers for (another
 * program's TUN put in the group is not ours to delete). Nothing outside the group is looked at twice.
 */
public final class ManagedInterfaces {
    private ManagedInterfaces() {
    }

    public static List<ObservedTunnel> observe(RouteNetlink targetLinks, long ifgroup, WireGuard wireGuard,
                                               NetworkNamespace target) {
        List<ObservedTunnel> managed = new ArrayList<>();
        List<Link> links = targetLinks.links();
        Map<Integer, String> names = new HashMap<>();
        links.forEach(l -> names.put(l.index(), l.name()));
        for (Link link : links) {
            if (link.group() != ifgroup) continue;
            boolean wireguardKind = link.kind().equals("wireguard");
            if (!wireguardKind && !link.kind().equals("tun")) continue;
            Optional<DeviceState> device = wireGuard.read(link.name(), target);
            if (!wireguardKind && device.isEmpty()) continue;
            String master = link.masterIndex() == 0 ? "" : names.getOrDefault(link.masterIndex(), "#" + link.masterIndex());
            managed.add(new ObservedTunnel(link, targetLinks.addresses(link.index()), device, master));
        }
        return managed;
    }
}
