package org.rait.plan;

import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;
import org.rait.log.EventLog;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One interface as rait.conf and the peer list want it: one peer, reached over one transport.
 *
 * @param listenPort the peer's send_port; 0 when the transport has random_port (the kernel picks)
 * @param endpoint   the peer's address in the transport's family with our send_port; empty when it has none
 * @param master     the VRF device the interface is enslaved to; "" for none (netns isolation)
 */
public record DesiredTunnel(
        String ifname,
        AddressFamily family,
        WgKey peerKey,
        String peerName,
        int listenPort,
        Optional<InetSocketAddress> endpoint,
        long fwmark,
        int mtu,
        long group,
        Inet6Address linkLocal,
        int keepalive,
        String master) {

    public DesiredTunnel {
        Objects.requireNonNull(ifname, "ifname");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(peerKey, "peerKey");
        Objects.requireNonNull(peerName, "peerName");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(linkLocal, "linkLocal");
        Objects.requireNonNull(master, "master");
    }

    /** A tunnel that is enslaved to no VRF (netns isolation). */
    public DesiredTunnel(String ifname, AddressFamily family, WgKey peerKey, String peerName, int listenPort,
                         Optional<InetSocketAddress> endpoint, long fwmark, int mtu, long group, Inet6Address linkLocal,
                         int keepalive) {
        this(ifname, family, peerKey, peerName, listenPort, endpoint, fwmark, mtu, group, linkLocal, keepalive, "");
    }

    public boolean randomPort() {
        return listenPort == 0;
    }

    /** The settings as key=value, for `--check` (there is no private key here to leak). */
    public String settings() {
        List<Object> fields = fields();
        return EventLog.pairs(fields.subList(2, fields.size()));
    }

    /** The interface and its settings as alternating keys and values, for the event log. */
    public List<Object> fields() {
        List<Object> f = new ArrayList<>(List.of("ifname", ifname, "peer", peerKey));
        if (!peerName.isEmpty()) f.addAll(List.of("name", peerName));
        f.addAll(List.of("listen_port", randomPort() ? "random" : listenPort,
                "endpoint", endpoint.isPresent() ? Planner.endpointText(endpoint.get()) : "none",
                "fwmark", fwmark, "mtu", mtu, "group", group,
                "link_local", AddressText.of(linkLocal) + "/" + LinkLocalAddress.PREFIX_LENGTH));
        if (keepalive > 0) f.addAll(List.of("keepalive", keepalive));
        if (!master.isEmpty()) f.addAll(List.of("master", master));
        return f;
    }
}
