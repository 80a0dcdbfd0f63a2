package org.rait.tunnels;

import org.rait.netlink.Link;
import org.rait.netlink.LinkAddress;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;
import org.rait.plan.ObservedTunnel;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.WireGuard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What rait manages in the target namespace, and what else is there. Managed: the links in the isolation's
 * ifgroup of kind wireguard, and the TUNs that a wireguard-go of this configuration answers for (its
 * runtime entries are its own, so such a TUN is ours even before its group is set: rait stopped between
 * moving it and setting the group). Another program's TUN, in the group or not, is not ours to delete.
 */
public final class ManagedInterfaces {
    private ManagedInterfaces() {
    }

    /** The managed interfaces, and the other links by which a wanted name may already be taken. */
    public record Observation(List<ObservedTunnel> managed, List<Link> others) {
        public Observation {
            managed = List.copyOf(managed);
            others = List.copyOf(others);
        }

        /** What this observation found as WireGuard device for each link that may be one, by index (empty: not ours). */
        public Map<Integer, Optional<DeviceState>> devices() {
            Map<Integer, Optional<DeviceState>> devices = new HashMap<>();
            for (ObservedTunnel t : managed) devices.put(t.link().index(), t.device());
            for (Link l : others) if (l.kind().equals("tun")) devices.put(l.index(), Optional.empty());
            return devices;
        }

        /** Every link seen, managed or not, by index. */
        public Map<Integer, Link> links() {
            Map<Integer, Link> links = new HashMap<>();
            for (ObservedTunnel t : managed) links.put(t.link().index(), t.link());
            for (Link l : others) links.put(l.index(), l);
            return links;
        }
    }

    public static Observation observe(RouteNetlink targetLinks, long ifgroup, WireGuard wireGuard, NetworkNamespace target) {
        return observe(targetLinks, ifgroup, wireGuard, target, Map.of());
    }

    /**
     * The same, with one link dump and one address dump, reading the WireGuard device only of links whose index is not
     * in {@code knownDevices} (what an earlier observation found there; empty = not a device of ours): after its own
     * apply, the agent reads back only the interfaces it touched.
     */
    public static Observation observe(RouteNetlink targetLinks, long ifgroup, WireGuard wireGuard, NetworkNamespace target,
                                      Map<Integer, Optional<DeviceState>> knownDevices) {
        return observe(targetLinks, ifgroup, wireGuard, target, knownDevices, true);
    }

    /**
     * The same without reading the WireGuard devices of the group's wireguard links (their device is empty) nor
     * the addresses (every tunnel's are empty): what `rait down` needs, which removes each of them whatever its
     * configuration. TUNs are still read, as only its device tells whether one is ours.
     */
    public static Observation observeToRemove(RouteNetlink targetLinks, long ifgroup, WireGuard wireGuard, NetworkNamespace target) {
        return observe(targetLinks, ifgroup, wireGuard, target, Map.of(), false);
    }

    private static Observation observe(RouteNetlink targetLinks, long ifgroup, WireGuard wireGuard, NetworkNamespace target,
                                       Map<Integer, Optional<DeviceState>> knownDevices, boolean readGroupDevices) {
        // Plain loops: a one-shot command observes interpreted, where streams and lambdas cost their classes
        // and call-site linking on top of the work (docs/benchmarks.md, "The one-shot pass").
        List<Link> links = targetLinks.links();
        // One address dump for the namespace, not one per interface; none for a removal of everything, which
        // compares no address (the dump and its InetAddress parsing would be thrown away).
        Map<Integer, List<LinkAddress>> addresses = readGroupDevices ? byLink(targetLinks.addresses(), null) : new HashMap<>();
        return classify(links, addresses, ifgroup, wireGuard, target, knownDevices, readGroupDevices);
    }

    /**
     * What the agent reads back after its own apply: the links of {@code names} only, each asked for by name (the
     * kernel answers for these, where a dump sends every link of the namespace and parsing it was most of a +1 pass's
     * read-back), their addresses and WireGuard devices; every other link is taken from {@code before}, the
     * observation the pass planned from, whose changes since then the link events tell. A name that no longer
     * exists leaves the observation. More names than links kept are read with one dump instead.
     */
    public static Observation observeAgain(RouteNetlink targetLinks, long ifgroup, WireGuard wireGuard, NetworkNamespace target,
                                           Observation before, Set<String> names) {
        int kept = 0;
        for (ObservedTunnel t : before.managed()) if (!names.contains(t.ifname())) kept++;
        for (Link l : before.others()) if (!names.contains(l.name())) kept++;
        List<Link> read = names.isEmpty() ? List.of() : names.size() < kept ? targetLinks.links(names) : named(targetLinks.links(), names);
        Set<Integer> readIndexes = new HashSet<>();
        for (Link l : read) readIndexes.add(l.index());
        Map<Integer, List<LinkAddress>> addresses = read.isEmpty() ? new HashMap<>() : byLink(targetLinks.addresses(), readIndexes);
        List<Link> links = new ArrayList<>();
        Map<Integer, Optional<DeviceState>> knownDevices = new HashMap<>();
        for (ObservedTunnel t : before.managed()) {
            Link l = t.link();
            if (names.contains(l.name()) || readIndexes.contains(l.index())) continue;
            links.add(l);
            addresses.put(l.index(), t.addresses());
            knownDevices.put(l.index(), t.device());
        }
        for (Link l : before.others()) {
            if (names.contains(l.name()) || readIndexes.contains(l.index())) continue;
            links.add(l);
            if (l.kind().equals("tun")) knownDevices.put(l.index(), Optional.empty());
        }
        links.addAll(read);
        return classify(links, addresses, ifgroup, wireGuard, target, knownDevices, true);
    }

    /**
     * The links of {@code names} out of a dump: when a pass touched more links than it kept (the first pass makes them
     * all), one dump costs less than a request per name.
     */
    private static List<Link> named(List<Link> links, Set<String> names) {
        List<Link> found = new ArrayList<>();
        for (Link l : links) if (names.contains(l.name())) found.add(l);
        return found;
    }

    /** The addresses by link index; only those of {@code indexes} unless it is null. */
    private static Map<Integer, List<LinkAddress>> byLink(List<LinkAddress> all, Set<Integer> indexes) {
        Map<Integer, List<LinkAddress>> addresses = new HashMap<>();
        for (LinkAddress a : all) {
            if (indexes != null && !indexes.contains(a.linkIndex())) continue;
            List<LinkAddress> of = addresses.get(a.linkIndex());
            if (of == null) {
                of = new ArrayList<>(2);
                addresses.put(a.linkIndex(), of);
            }
            of.add(a);
        }
        return addresses;
    }

    /** The links sorted into managed (with their addresses, devices and master) and others. */
    private static Observation classify(List<Link> links, Map<Integer, List<LinkAddress>> addresses, long ifgroup, WireGuard wireGuard,
                                        NetworkNamespace target, Map<Integer, Optional<DeviceState>> knownDevices,
                                        boolean readGroupDevices) {
        Map<Integer, String> names = new HashMap<>();
        for (Link l : links) names.put(l.index(), l.name());
        // The devices are read together: the backend overlaps the reads (one round trip for many). Known ones are not read.
        List<String> toRead = new ArrayList<>();
        Map<String, Optional<DeviceState>> devices = new HashMap<>();
        for (Link l : links) {
            if (!(readGroupDevices && wireguardInGroup(l, ifgroup)) && !l.kind().equals("tun")) continue;
            Optional<DeviceState> known = knownDevices.get(l.index());
            if (known != null) devices.put(l.name(), known);
            else toRead.add(l.name());
        }
        devices.putAll(wireGuard.readAll(toRead, target));
        List<ObservedTunnel> managed = new ArrayList<>();
        List<Link> others = new ArrayList<>();
        for (Link link : links) {
            boolean wireguardInGroup = wireguardInGroup(link, ifgroup);
            Optional<DeviceState> device = devices.getOrDefault(link.name(), Optional.empty());
            if (!wireguardInGroup && device.isEmpty()) {
                others.add(link);
                continue;
            }
            String master = link.masterIndex() == 0 ? "" : names.getOrDefault(link.masterIndex(), "#" + link.masterIndex());
            managed.add(new ObservedTunnel(link, addresses.getOrDefault(link.index(), List.of()), device, master));
        }
        return new Observation(managed, others);
    }

    private static boolean wireguardInGroup(Link link, long ifgroup) {
        return link.kind().equals("wireguard") && link.group() == ifgroup;
    }
}
