package org.rait.reconcile;

import org.rait.netlink.Link;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;
import org.rait.plan.ObservedTunnel;
import org.rait.wireguard.WireGuard;

import java.util.List;
import java.util.Set;

/**
 * What rait manages in the target namespace: links in the isolation's ifgroup that are WireGuard
 * devices (kind wireguard, or the TUN of a wireguard-go). Nothing outside the group is looked at twice.
 */
public final class ManagedInterfaces {
    private static final Set<String> TUNNEL_KINDS = Set.of("wireguard", "tun");

    private ManagedInterfaces() {
    }

    public static List<Link> links(RouteNetlink targetLinks, long ifgroup) {
        return targetLinks.links().stream()
                .filter(l -> l.group() == ifgroup && TUNNEL_KINDS.contains(l.kind()))
                .toList();
    }

    public static List<ObservedTunnel> observe(RouteNetlink targetLinks, long ifgroup, WireGuard wireGuard,
                                               NetworkNamespace target) {
        return links(targetLinks, ifgroup).stream()
                .map(l -> new ObservedTunnel(l, targetLinks.addresses(l.index()), wireGuard.read(l.name(), target)))
                .toList();
    }
}
