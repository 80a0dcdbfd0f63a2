package org.rait.tunnels;

import org.rait.isolation.IsolationScope;
import org.rait.log.EventLog;
import org.rait.netlink.Link;
import org.rait.netlink.LinkAddress;
import org.rait.netlink.LinkSettings;
import org.rait.netlink.NetlinkException;
import org.rait.netlink.NetlinkRequest;
import org.rait.netlink.Outcome;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;
import org.rait.wireguard.DeviceConfig;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.WireGuard;
import org.rait.wireguard.WireGuardException;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In-memory links and WireGuard devices that record every write as one line ("setMtu r4x1 1420"),
 * so reconciler tests can state exactly which requests a plan costs. Unit tests only.
 */
final class RecordingKernel {
    final List<String> writes = new ArrayList<>();
    final Map<String, Link> links = new LinkedHashMap<>();
    final Map<String, DeviceConfig> devices = new LinkedHashMap<>();
    /** What a device read finds, by name (none: not a WireGuard device); and what an address dump finds. */
    final Map<String, DeviceState> deviceStates = new LinkedHashMap<>();
    final List<LinkAddress> addresses = new ArrayList<>();
    /** The names of the devices read, read by read. */
    final List<String> deviceReads = new ArrayList<>();
    final Set<String> failConfigureOf = new HashSet<>();
    final Set<String> failDeleteOf = new HashSet<>();
    /** Interfaces whose address the kernel refuses (EEXIST). */
    final Set<String> refuseAddressOf = new HashSet<>();
    /** Calls that each cost one round trip or more: batches sent, link dumps, single link reads. */
    int batches;
    int linkDumps;
    int addressDumps;
    int linkReads;
    /** The names asked for by {@link RouteNetlink#links(java.util.Collection)}, call by call. */
    final List<List<String>> linksByName = new ArrayList<>();
    /** The names handed to each deleteAll. */
    final List<List<String>> deleteAlls = new ArrayList<>();
    private int nextIndex = 10;

    final NetworkNamespace transit = namespace("transit");
    final NetworkNamespace target = namespace("target");

    Link addLink(String name, long group, int mtu, boolean up) {
        Link link = new Link(nextIndex++, name, "tun", group, mtu, up, 0, Link.ADDR_GEN_MODE_NONE);
        links.put(name, link);
        return link;
    }

    private String nameOf(int index) {
        return links.values().stream().filter(l -> l.index() == index).map(Link::name).findFirst()
                .orElseThrow(() -> new IllegalStateException("no link " + index));
    }

    final RouteNetlink routeNetlink = new RouteNetlink() {
        @Override
        public List<Link> links() {
            linkDumps++;
            return List.copyOf(links.values());
        }

        @Override
        public List<Link> links(java.util.Collection<String> names) {
            linksByName.add(List.copyOf(names));
            List<Link> found = new ArrayList<>();
            for (String name : names) if (links.containsKey(name)) found.add(links.get(name));
            return found;
        }

        @Override
        public Optional<Link> link(String name) {
            linkReads++;
            return Optional.ofNullable(links.get(name));
        }

        @Override
        public void createLink(String name, String kind) {
            writes.add("createLink " + name);
        }

        @Override
        public void createLink(String name, String kind, NetworkNamespace destination) {
            writes.add("createLink " + name + " in " + destination.name());
        }

        @Override
        public void setLink(int index, LinkSettings settings) {
            writes.add("setLink " + nameOf(index) + " group=" + settings.group() + " mtu=" + settings.mtu()
                    + (settings.addrGenModeNone() ? " addrgenmode=none" : ""));
        }

        /** Records each request as the single-request methods do: "setLink r4x1 group=54 mtu=1420", "addAddress r4x1", "setUp r4x1". */
        @Override
        public List<Outcome> batch(List<NetlinkRequest> requests) {
            batches++;
            List<Outcome> outcomes = new ArrayList<>();
            for (NetlinkRequest request : requests) {
                Matcher name = Pattern.compile(" name=(\\S+)").matcher(request.description());
                String ifname = name.find() ? name.group(1) : "?";
                String d = request.description();
                Matcher settings = Pattern.compile(" mtu=(\\d+) group=(\\d+)( addrgenmode=none)?").matcher(d);
                if (settings.find()) {
                    writes.add("setLink " + ifname + " group=" + settings.group(2) + " mtu=" + settings.group(1)
                            + (settings.group(3) == null ? "" : settings.group(3)));
                } else {
                    writes.add((d.startsWith("RTM_NEWADDR") ? "addAddress " : d.endsWith(" up") ? "setUp " : d + " ") + ifname);
                }
                boolean refused = d.startsWith("RTM_NEWADDR") && refuseAddressOf.contains(ifname);
                outcomes.add(new Outcome(request, List.of(), refused ? new NetlinkException(d, 17, "EEXIST", "File exists") : null));
            }
            return outcomes;
        }

        @Override
        public List<LinkAddress> addresses() {
            addressDumps++;
            return List.copyOf(addresses);
        }

        @Override
        public void createVrf(String name, int table) {
            writes.add("createVrf " + name);
        }

        @Override
        public void deleteLink(int index) {
            String name = nameOf(index);
            writes.add("deleteLink " + name);
            links.remove(name);
        }

        @Override
        public void setMtu(int index, int mtu) {
            writes.add("setMtu " + nameOf(index) + " " + mtu);
        }

        @Override
        public void setGroup(int index, long group) {
            writes.add("setGroup " + nameOf(index) + " " + group);
        }

        @Override
        public void setUp(int index, boolean up) {
            writes.add("setUp " + nameOf(index));
        }

        @Override
        public void setMaster(int index, int masterIndex) {
            writes.add("setMaster " + nameOf(index));
        }

        @Override
        public void moveToNamespace(int index, NetworkNamespace target) {
            writes.add("move " + nameOf(index));
        }

        @Override
        public void setAddrGenModeNone(int index) {
            writes.add("addrgenmode " + nameOf(index));
        }

        @Override
        public void addAddress(int index, InetAddress address, int prefixLength) {
            writes.add("addAddress " + nameOf(index));
        }

        @Override
        public void deleteAddress(int index, InetAddress address, int prefixLength) {
            writes.add("deleteAddress " + nameOf(index));
        }

        @Override
        public long writeRequests() {
            return writes.stream().filter(w -> !w.startsWith("wg.")).count();
        }

        @Override
        public void close() {
        }
    };

    final WireGuard wireGuard = new WireGuard() {
        @Override
        public String kind() {
            return "recording";
        }

        @Override
        public void create(String ifname, NetworkNamespace from, NetworkNamespace to) {
            writes.add("wg.create " + ifname);
            addLink(ifname, 0, 1500, false);
        }

        @Override
        public void configure(String ifname, NetworkNamespace in, DeviceConfig config) {
            writes.add("wg.configure " + ifname + " port=" + config.listenPort());
            if (failConfigureOf.contains(ifname)) throw new WireGuardException(ifname + ": refused by the test");
            devices.put(ifname, config);
        }

        @Override
        public Optional<DeviceState> read(String ifname, NetworkNamespace in) {
            deviceReads.add(ifname);
            return Optional.ofNullable(deviceStates.get(ifname));
        }

        /** Records what the reconciler handed over at once, then removes one by one. */
        @Override
        public Map<String, RuntimeException> deleteAll(List<String> ifnames, NetworkNamespace in) {
            deleteAlls.add(List.copyOf(ifnames));
            return WireGuard.super.deleteAll(ifnames, in);
        }

        @Override
        public void delete(String ifname, NetworkNamespace in) {
            if (failDeleteOf.contains(ifname)) throw new WireGuardException(ifname + ": removal refused by the test");
            writes.add("wg.delete " + ifname);
            links.remove(ifname);
            devices.remove(ifname);
        }

        @Override
        public long writeRequests() {
            return writes.stream().filter(w -> w.startsWith("wg.")).count();
        }

        @Override
        public void close() {
        }
    };

    final IsolationScope scope = new IsolationScope() {
        @Override
        public NetworkNamespace transit() {
            return transit;
        }

        @Override
        public NetworkNamespace target() {
            return target;
        }

        @Override
        public void attach(RouteNetlink targetLinks, Link link) {
        }

        @Override
        public void close() {
        }
    };

    Reconciler reconciler() {
        return new Reconciler(wireGuard, scope, new NetlinkSockets(ns -> routeNetlink), EventLog.quiet(), Progress.none());
    }

    private static NetworkNamespace namespace(String name) {
        return new NetworkNamespace() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int fd() {
                return -1;
            }

            @Override
            public <T> T call(Callable<T> action) throws Exception {
                return action.call();
            }

            @Override
            public void close() {
            }
        };
    }
}
