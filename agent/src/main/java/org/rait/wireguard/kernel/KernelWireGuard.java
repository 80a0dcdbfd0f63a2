package org.rait.wireguard.kernel;

import org.rait.netlink.Errno;
import org.rait.netlink.GenericNetlink;
import org.rait.netlink.NetlinkException;
import org.rait.netlink.NetlinkMessage;
import org.rait.netlink.NetlinkRequest;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;
import org.rait.wireguard.DeviceConfig;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.WireGuard;
import org.rait.wireguard.WireGuardException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WireGuard in the kernel, driven over netlink. The device is made in the transit namespace, where its
 * UDP socket then lives, and moved to the target; it is configured and read over the generic netlink
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

    @Override
    public synchronized void create(String ifname, NetworkNamespace transit, NetworkNamespace target) {
        RouteNetlink inTransit = route(transit);
        try {
            writes.incrementAndGet();
            inTransit.createLink(ifname, "wireguard");
        } catch (NetlinkException e) {
            if (e.errno() == Errno.EOPNOTSUPP) {
                throw new WireGuardException(NO_MODULE + " (link kind \"wireguard\" is unknown): cannot create "
                        + ifname + " in " + transit, e);
            }
            throw new WireGuardException("cannot create " + ifname + " in " + transit + ": " + e.getMessage(), e);
        }
        if (NetworkNamespace.same(transit, target)) return;
        try {
            int index = inTransit.link(ifname).orElseThrow(() -> new WireGuardException(
                    ifname + " vanished from " + transit + " right after it was created")).index();
            writes.incrementAndGet();
            inTransit.moveToNamespace(index, target);
        } catch (NetlinkException e) {
            removeLeftover(inTransit, ifname);
            throw new WireGuardException("cannot move " + ifname + " from " + transit + " to " + target + ": "
                    + e.getMessage(), e);
        }
    }

    /** A device that could not be moved is removed again, so that a failed create leaves nothing behind. */
    private void removeLeftover(RouteNetlink inTransit, String ifname) {
        try {
            inTransit.link(ifname).ifPresent(link -> {
                writes.incrementAndGet();
                inTransit.deleteLink(link.index());
            });
        } catch (NetlinkException ignored) {
            // the move failure is what the operator needs to see
        }
    }

    @Override
    public synchronized void configure(String ifname, NetworkNamespace target, DeviceConfig config) {
        GenericNetlink genl = generic(target);
        int family = familyId(genl, ifname);
        List<byte[]> messages = WgNetlinkCodec.setDevice(ifname, config, WgNetlinkCodec.MESSAGE_LIMIT);
        for (int i = 0; i < messages.size(); i++) {
            String description = "WG_CMD_SET_DEVICE ifname=" + ifname + " peers=" + config.peers().size()
                    + (messages.size() > 1 ? " part=" + (i + 1) + "/" + messages.size() : "");
            byte[] payload = GenericNetlink.payload(WgNetlinkCodec.CMD_SET_DEVICE, WgNetlinkCodec.VERSION, messages.get(i));
            try {
                writes.incrementAndGet();
                genl.request(new NetlinkRequest(family, NetlinkRequest.CHANGE, payload, description, true));
            } catch (NetlinkException e) {
                throw new WireGuardException("cannot configure " + ifname + " in " + target + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized Optional<DeviceState> read(String ifname, NetworkNamespace target) {
        GenericNetlink genl = generic(target);
        int family = familyId(genl, ifname);
        byte[] payload = GenericNetlink.payload(WgNetlinkCodec.CMD_GET_DEVICE, WgNetlinkCodec.VERSION,
                WgNetlinkCodec.getDevice(ifname));
        try {
            List<NetlinkMessage> replies = genl.request(new NetlinkRequest(family, NetlinkRequest.DUMP, payload,
                    "WG_CMD_GET_DEVICE ifname=" + ifname, false));
            return Optional.of(WgNetlinkCodec.parseDevice(ifname,
                    replies.stream().map(GenericNetlink::attributes).toList()));
        } catch (NetlinkException e) {
            // ENODEV: no such link; EOPNOTSUPP: a link of another kind (a TUN, a namesake)
            if (e.errno() == Errno.ENODEV || e.errno() == Errno.EOPNOTSUPP) return Optional.empty();
            throw new WireGuardException("cannot read " + ifname + " in " + target + ": " + e.getMessage(), e);
        }
    }

    /** RTM_DELLINK; a device that is already gone is not an error. */
    @Override
    public synchronized void delete(String ifname, NetworkNamespace target) {
        RouteNetlink rtnl = route(target);
        try {
            Optional<Integer> index = rtnl.link(ifname).map(l -> l.index());
            if (index.isEmpty()) return;
            writes.incrementAndGet();
            rtnl.deleteLink(index.get());
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) return;
            throw new WireGuardException("cannot delete " + ifname + " in " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long writeRequests() {
        return writes.get();
    }

    @Override
    public synchronized void close() {
        routeSockets.values().forEach(RouteNetlink::close);
        genericSockets.values().forEach(GenericNetlink::close);
        routeSockets.clear();
        genericSockets.clear();
    }

    private static int familyId(GenericNetlink genl, String ifname) {
        return genl.familyId(WgNetlinkCodec.FAMILY).orElseThrow(() -> new WireGuardException(NO_MODULE
                + ": generic netlink family \"" + WgNetlinkCodec.FAMILY + "\" does not exist (device " + ifname + ")"));
    }

    private RouteNetlink route(NetworkNamespace namespace) {
        return routeSockets.computeIfAbsent(NetworkNamespace.identity(namespace), k -> RouteNetlink.open(namespace));
    }

    private GenericNetlink generic(NetworkNamespace namespace) {
        return genericSockets.computeIfAbsent(NetworkNamespace.identity(namespace), k -> GenericNetlink.open(namespace));
    }
}
