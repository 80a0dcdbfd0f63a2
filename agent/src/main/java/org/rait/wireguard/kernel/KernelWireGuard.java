package org.rait.wireguard.kernel;

import org.rait.netlink.Attributes;
import org.rait.netlink.Errno;
import org.rait.netlink.GenericNetlink;
import org.rait.netlink.Link;
import org.rait.netlink.LinkSettings;
import org.rait.netlink.NetlinkException;
import org.rait.netlink.NetlinkMessage;
import org.rait.netlink.NetlinkRequest;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.Outcome;
import org.rait.netlink.ParallelLinkDeletes;
import org.rait.netlink.RouteNetlink;
import org.rait.netlink.RtnetlinkRequests;
import org.rait.wireguard.DeviceConfig;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.WireGuard;
import org.rait.wireguard.WireGuardException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WireGuard in the kernel, driven over netlink. The device is made by the transit namespace's socket,
 * so that its UDP socket lives there, directly in the target; it is configured and read over the generic netlink
 * family "wireguard" in the namespace where the interface is. Sockets are opened once per namespace
 * and kept until {@link #close()}.
 */
public final class KernelWireGuard implements WireGuard {
    private static final String NO_MODULE = "kernel has no WireGuard module";

    private final Map<String, RouteNetlink> routeSockets = new HashMap<>();
    private final Map<String, GenericNetlink> genericSockets = new HashMap<>();
    private final AtomicLong writes = new AtomicLong();

    @Override
    public String kind() {
        return "kernel";
    }

    /**
     * One RTM_NEWLINK from the transit namespace's socket that names the target namespace: the device
     * is registered in the target while its UDP socket stays in transit, with no move afterwards.
     */
    @Override
    public synchronized void create(String ifname, NetworkNamespace transit, NetworkNamespace target) {
        RouteNetlink inTransit = route(transit);
        try {
            writes.incrementAndGet();
            if (NetworkNamespace.same(transit, target)) inTransit.createLink(ifname, "wireguard");
            else inTransit.createLink(ifname, "wireguard", target);
        } catch (NetlinkException e) {
            throw createFailure(ifname, transit, target, e);
        }
    }

    /**
     * The creations of {@link #create} back to back from the transit socket, each link with its group and
     * MTU from the start (so that a rait stopped half-way leaves only links it recognises as its own).
     */
    @Override
    public synchronized Map<String, RuntimeException> createAll(Map<String, LinkSettings> devices, NetworkNamespace transit,
                                                                NetworkNamespace target) {
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        if (devices.isEmpty()) return failures;
        boolean here = NetworkNamespace.same(transit, target);
        String where = target.name().isEmpty() ? "current" : target.name();
        List<String> names = List.copyOf(devices.keySet());
        List<NetlinkRequest> requests = new ArrayList<>(names.size());
        for (String ifname : names) {
            LinkSettings settings = devices.get(ifname);
            requests.add(RtnetlinkRequests.createLink(ifname, "wireguard", here ? -1 : target.fd(), where,
                    settings.group(), settings.mtu()));
        }
        writes.addAndGet(requests.size());
        List<Outcome> outcomes;
        try {
            outcomes = route(transit).batch(requests);
        } catch (NetlinkException e) {
            for (String n : names) failures.put(n, createFailure(n, transit, target, e));
            return failures;
        }
        for (int i = 0; i < names.size(); i++) {
            NetlinkException e = outcomes.get(i).error();
            if (e != null) failures.put(names.get(i), createFailure(names.get(i), transit, target, e));
        }
        return failures;
    }

    private static WireGuardException createFailure(String ifname, NetworkNamespace transit, NetworkNamespace target,
                                                    NetlinkException e) {
        if (e.errno() == Errno.EOPNOTSUPP) {
            return new WireGuardException(NO_MODULE + " (link kind \"wireguard\" is unknown): cannot create "
                    + ifname + " in " + transit, e);
        }
        return new WireGuardException("cannot create " + ifname + " in " + target + " (socket in " + transit + "): "
                + e.getMessage(), e);
    }

    @Override
    public synchronized void configure(String ifname, NetworkNamespace target, DeviceConfig config) {
        RuntimeException failure = configureAll(Map.of(ifname, config), target).get(ifname);
        if (failure != null) throw failure;
    }

    /**
     * Every WG_CMD_SET_DEVICE back to back over the target's generic netlink socket (a configuration too
     * large for one message is several, in order); a device fails with the first of its messages refused.
     */
    @Override
    public synchronized Map<String, RuntimeException> configureAll(Map<String, DeviceConfig> configs, NetworkNamespace target) {
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        if (configs.isEmpty()) return failures;
        GenericNetlink genl = generic(target);
        int family = familyId(genl, configs.keySet().iterator().next());
        List<NetlinkRequest> requests = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        for (Map.Entry<String, DeviceConfig> entry : configs.entrySet()) {
            String ifname = entry.getKey();
            DeviceConfig config = entry.getValue();
            List<byte[]> messages = WgNetlinkCodec.setDevice(ifname, config, WgNetlinkCodec.MESSAGE_LIMIT);
            for (int i = 0; i < messages.size(); i++) {
                String description = "WG_CMD_SET_DEVICE ifname=" + ifname + " peers=" + config.peers().size()
                        + (messages.size() > 1 ? " part=" + (i + 1) + "/" + messages.size() : "");
                byte[] payload = GenericNetlink.payload(WgNetlinkCodec.CMD_SET_DEVICE, WgNetlinkCodec.VERSION, messages.get(i));
                requests.add(new NetlinkRequest(family, NetlinkRequest.CHANGE, payload, description, true));
                owners.add(ifname);
            }
        }
        writes.addAndGet(requests.size());
        List<Outcome> outcomes;
        try {
            outcomes = genl.batch(requests);
        } catch (NetlinkException e) {
            for (String n : configs.keySet()) failures.put(n, configureFailure(n, target, e));
            return failures;
        }
        for (int i = 0; i < requests.size(); i++) {
            NetlinkException e = outcomes.get(i).error();
            if (e != null) failures.putIfAbsent(owners.get(i), configureFailure(owners.get(i), target, e));
        }
        return failures;
    }

    private static WireGuardException configureFailure(String ifname, NetworkNamespace target, NetlinkException e) {
        return new WireGuardException("cannot configure " + ifname + " in " + target + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized Optional<DeviceState> read(String ifname, NetworkNamespace target) {
        return readAll(List.of(ifname), target).get(ifname);
    }

    /** One GET_DEVICE dump per device, sent several to a datagram ({@link GenericNetlink#dumps}). */
    @Override
    public synchronized Map<String, Optional<DeviceState>> readAll(List<String> ifnames, NetworkNamespace target) {
        Map<String, Optional<DeviceState>> devices = new LinkedHashMap<>();
        if (ifnames.isEmpty()) return devices;
        GenericNetlink genl = generic(target);
        int family = familyId(genl, ifnames.get(0));
        // Loops, not streams: a one-shot `rait up` reads its 200 devices interpreted.
        List<NetlinkRequest> requests = new ArrayList<>(ifnames.size());
        for (String ifname : ifnames) {
            requests.add(new NetlinkRequest(family, NetlinkRequest.DUMP,
                    GenericNetlink.payload(WgNetlinkCodec.CMD_GET_DEVICE, WgNetlinkCodec.VERSION, WgNetlinkCodec.getDevice(ifname)),
                    "WG_CMD_GET_DEVICE ifname=" + ifname, false));
        }
        List<Outcome> outcomes;
        try {
            outcomes = genl.dumps(requests);
        } catch (NetlinkException e) {
            throw new WireGuardException("cannot read " + String.join(", ", ifnames) + " in " + target + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < ifnames.size(); i++) {
            String ifname = ifnames.get(i);
            NetlinkException e = outcomes.get(i).error();
            if (e == null) {
                List<NetlinkMessage> replies = outcomes.get(i).replies();
                List<Attributes> messages = new ArrayList<>(replies.size());
                for (NetlinkMessage reply : replies) messages.add(GenericNetlink.attributes(reply));
                devices.put(ifname, Optional.of(WgNetlinkCodec.parseDevice(ifname, messages)));
            } else if (e.errno() == Errno.ENODEV || e.errno() == Errno.EOPNOTSUPP) {
                // ENODEV: no such link; EOPNOTSUPP: a link of another kind (a TUN, a namesake)
                devices.put(ifname, Optional.empty());
            } else {
                throw new WireGuardException("cannot read " + ifname + " in " + target + ": " + e.getMessage(), e);
            }
        }
        return devices;
    }

    /** RTM_DELLINK; a device that is already gone is not an error. */
    @Override
    public synchronized void delete(String ifname, NetworkNamespace target) {
        RouteNetlink rtnl = route(target);
        try {
            Optional<Link> link = rtnl.link(ifname);
            if (link.isEmpty()) return;
            writes.incrementAndGet();
            rtnl.deleteLink(link.get().index());
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) return;
            throw new WireGuardException("cannot delete " + ifname + " in " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * One RTM_DELLINK by name per device (the kernel finds each under RTNL: no link dump first), sent from
     * several sockets at once ({@link ParallelLinkDeletes}: the kernel frees a WireGuard device in the thread
     * that asked, mostly waiting on RCU, so deletes from several threads wait side by side); a device already
     * gone is not a failure. Returns once the kernel has freed every device (their UDP ports are free).
     */
    @Override
    public synchronized Map<String, RuntimeException> deleteAll(List<String> ifnames, NetworkNamespace target) {
        RouteNetlink rtnl = route(target);
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        // loops, not streams: `rait down` runs this once, interpreted
        List<NetlinkRequest> deletes = new ArrayList<>(ifnames.size());
        for (String name : ifnames) deletes.add(RtnetlinkRequests.deleteLink(name));
        writes.addAndGet(deletes.size());
        List<Outcome> outcomes = ParallelLinkDeletes.delete(rtnl, target, deletes, ParallelLinkDeletes.SOCKETS);
        for (int i = 0; i < outcomes.size(); i++) {
            NetlinkException e = outcomes.get(i).error();
            if (e != null && e.errno() != Errno.ENODEV) {
                failures.put(ifnames.get(i), new WireGuardException("cannot delete " + ifnames.get(i) + " in " + target
                        + ": " + e.getMessage(), e));
            }
        }
        return failures;
    }

    @Override
    public long writeRequests() {
        return writes.get();
    }

    /** Datagrams sent over generic netlink so far: round trips of reads and configurations, for benchmarks. */
    public synchronized long genericNetlinkRoundTrips() {
        long sent = 0;
        for (GenericNetlink socket : genericSockets.values()) sent += socket.datagramsSent();
        return sent;
    }

    @Override
    public synchronized void close() {
        for (RouteNetlink socket : routeSockets.values()) socket.close();
        for (GenericNetlink socket : genericSockets.values()) socket.close();
        routeSockets.clear();
        genericSockets.clear();
    }

    private static int familyId(GenericNetlink genl, String ifname) {
        Optional<Integer> id = genl.familyId(WgNetlinkCodec.FAMILY);
        if (id.isEmpty()) {
            throw new WireGuardException(NO_MODULE + ": generic netlink family \"" + WgNetlinkCodec.FAMILY
                    + "\" does not exist (device " + ifname + ")");
        }
        return id.get();
    }

    /**
     * The sockets are looked up without lambdas: every one-shot opens them, and a lambda is linked at run time at
     * its first use in every run (docs/benchmarks.md, "Sixth round").
     */
    private RouteNetlink route(NetworkNamespace namespace) {
        String key = NetworkNamespace.identity(namespace);
        RouteNetlink socket = routeSockets.get(key);
        if (socket == null) {
            socket = RouteNetlink.open(namespace);
            routeSockets.put(key, socket);
        }
        return socket;
    }

    private GenericNetlink generic(NetworkNamespace namespace) {
        String key = NetworkNamespace.identity(namespace);
        GenericNetlink socket = genericSockets.get(key);
        if (socket == null) {
            socket = GenericNetlink.open(namespace);
            genericSockets.put(key, socket);
        }
        return socket;
    }
}
