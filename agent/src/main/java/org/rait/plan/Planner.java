package org.rait.plan;

import org.rait.config.IsolationType;
import org.rait.config.RaitConfig;
import org.rait.config.Transport;
import org.rait.keys.WgKey;
import org.rait.netlink.Link;
import org.rait.netlink.LinkAddress;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;
import org.rait.plan.FieldDifference.Field;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.PeerState;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pure heart of rait: (rait.conf, peers, resolved addresses, observed interfaces) -> {@link TunnelPlan}.
 * Per transport T, per peer P that is not us, per endpoint E of P in T's family, one interface
 * T.ifprefix + E.send_port. No I/O here; the same input always gives the same plan.
 */
public final class Planner {
    /** Linux IFNAMSIZ minus the terminating NUL. */
    public static final int MAX_IFNAME_BYTES = 15;
    public static final List<String> ALLOWED_IPS = List.of("0.0.0.0/0", "::/0");
    private static final Set<String> ALLOWED_IP_SET = Set.copyOf(ALLOWED_IPS);

    private Planner() {
    }

    /** A plan for a target namespace that holds nothing but the managed interfaces. */
    public static TunnelPlan plan(RaitConfig config, Identity identity, PeerList peers,
                                  ResolvedAddresses resolved, List<ObservedTunnel> observed) {
        return plan(config, identity, peers, resolved, observed, List.of());
    }

    /**
     * @param otherLinks the target namespace's links that are not managed interfaces. One with a wanted name is
     *                   a namesake: in the managed group it is replaced (rait owns the group; RAIT too says "already
     *                   exists but is of wrong type, removing"), outside the group it is not rait's and stays,
     *                   and the tunnel is skipped with a warning.
     */
    public static TunnelPlan plan(RaitConfig config, Identity identity, PeerList peers, ResolvedAddresses resolved,
                                  List<ObservedTunnel> observed, List<Link> otherLinks) {
        // Plain loops rather than streams here and below: a short command plans interpreted, where each stream
        // and lambda costs its classes and call-site linking (docs/benchmarks.md, "The one-shot pass").
        List<PlanWarning> warnings = new ArrayList<>(resolved.warnings());
        Map<String, ObservedTunnel> existing = new LinkedHashMap<>();
        for (ObservedTunnel o : observed) existing.putIfAbsent(o.ifname(), o);
        Map<String, DesiredTunnel> desired = desiredTunnels(config, identity, peers, resolved, existing, warnings);
        Map<String, Link> namesakes = new HashMap<>();
        for (Link l : otherLinks) namesakes.putIfAbsent(l.name(), l);

        List<TunnelChange> changes = new ArrayList<>();
        for (DesiredTunnel want : desired.values()) {
            ObservedTunnel have = existing.get(want.ifname());
            Link namesake = have == null ? namesakes.get(want.ifname()) : null;
            if (namesake == null) {
                changes.add(change(want, have, identity));
            } else if (namesake.group() == want.group()) {
                changes.add(new TunnelChange.Recreate(want, new ObservedTunnel(namesake, List.of(), Optional.empty())));
            } else {
                warnings.add(new PlanWarning.Skipped(want.ifname(), want.peerKey(), "a " + kindOf(namesake)
                        + " outside ifgroup " + want.group() + " has this name; not rait's, left alone"));
            }
        }
        // by name (the names are the keys of existing, so each once)
        TreeMap<String, ObservedTunnel> unwanted = new TreeMap<>();
        for (ObservedTunnel o : existing.values()) {
            if (!desired.containsKey(o.ifname())) unwanted.put(o.ifname(), o);
        }
        for (ObservedTunnel o : unwanted.values()) changes.add(new TunnelChange.Remove(o));
        return new TunnelPlan(identity, changes, warnings);
    }

    /** One peer's endpoint that asks for an interface. */
    private record Claim(Peer peer, Endpoint endpoint) {
    }

    /**
     * The interfaces rait.conf and the peer list call for, by name, in transport then peer order.
     *
     * <p>Two peers claiming one send_port in one family would share an interface name: a conflict (the registry
     * refuses it; a list can still carry it). It never moves an interface to another key: the peer that the
     * existing interface serves keeps it, and a conflict over a name nobody holds creates no interface at all.
     * So the outcome does not depend on the order of the list, and a newcomer cannot take a tunnel.
     */
    static Map<String, DesiredTunnel> desiredTunnels(RaitConfig config, Identity identity, PeerList peers,
                                                   ResolvedAddresses resolved, Map<String, ObservedTunnel> existing,
                                                   List<PlanWarning> warnings) {
        Map<String, DesiredTunnel> desired = new LinkedHashMap<>();
        for (Transport transport : config.transports()) {
            Map<String, List<Claim>> claims = new LinkedHashMap<>();
            for (Peer peer : peers.peers()) {
                if (peer.publicKey().equals(identity.publicKey())) continue;
                for (Endpoint endpoint : peer.endpoints()) {
                    if (endpoint.addressFamily() != transport.addressFamily()) continue;
                    String ifname = transport.ifprefix() + endpoint.sendPort();
                    if (ifname.getBytes(StandardCharsets.UTF_8).length > MAX_IFNAME_BYTES) {
                        warnings.add(new PlanWarning.Skipped(ifname, peer.publicKey(), "interface name longer than 15 bytes; shorten ifprefix"));
                        continue;
                    }
                    List<Claim> claimants = claims.get(ifname);
                    if (claimants == null) {
                        claimants = new ArrayList<>(1);
                        claims.put(ifname, claimants);
                    }
                    claimants.add(new Claim(peer, endpoint));
                }
            }
            for (Map.Entry<String, List<Claim>> claim : claims.entrySet()) {
                String ifname = claim.getKey();
                List<Claim> claimants = claim.getValue();
                Claim winner = claimants.size() == 1 ? claimants.get(0)
                        : holder(ifname, claimants, existing.get(ifname), transport, warnings).orElse(null);
                if (winner != null) {
                    desired.put(ifname, tunnel(ifname, config, transport, identity, winner.peer(), winner.endpoint(), resolved));
                }
            }
        }
        return desired;
    }

    /** Of several claims on one interface name, the one whose peer the existing interface serves, if any. */
    private static Optional<Claim> holder(String ifname, List<Claim> claimants, ObservedTunnel existing, Transport transport,
                                          List<PlanWarning> warnings) {
        Optional<WgKey> served = existing == null ? Optional.empty()
                : existing.device().flatMap(d -> d.peers().size() == 1 ? Optional.of(d.peers().get(0).publicKey()) : Optional.empty());
        Optional<Claim> holder = claimants.stream().filter(c -> served.equals(Optional.of(c.peer().publicKey()))).findFirst();
        List<WgKey> keys = claimants.stream().map(c -> c.peer().publicKey()).distinct().sorted().toList();
        warnings.add(new PlanWarning.SendPortConflict(ifname, transport.addressFamily(), claimants.get(0).endpoint().sendPort(),
                keys, holder.map(c -> c.peer().publicKey())));
        return holder;
    }

    private static DesiredTunnel tunnel(String ifname, RaitConfig config, Transport transport, Identity identity,
                                        Peer peer, Endpoint endpoint, ResolvedAddresses resolved) {
        Optional<InetAddress> address = endpoint.address().isEmpty()
                ? Optional.empty() : resolved.lookup(endpoint.address(), transport.addressFamily());
        Optional<InetSocketAddress> remote = address.isEmpty()
                ? Optional.empty() : Optional.of(new InetSocketAddress(address.get(), transport.sendPort()));
        return new DesiredTunnel(
                ifname,
                transport.addressFamily(),
                peer.publicKey(),
                peer.name(),
                transport.randomPort() ? 0 : endpoint.sendPort(),
                remote,
                transport.fwmark(),
                transport.mtu(),
                config.isolation().ifgroup(),
                identity.linkLocalTo(peer.publicKey()),
                transport.keepalive(),
                config.isolation().type() == IsolationType.VRF ? config.isolation().target() : "");
    }

    private static TunnelChange change(DesiredTunnel want, ObservedTunnel have, Identity identity) {
        if (have == null) return new TunnelChange.Create(want);
        if (have.device().isEmpty()) return new TunnelChange.Recreate(want, have);
        List<FieldDifference> differences = new ArrayList<>();
        deviceDifferences(want, have.device().get(), identity, differences);
        linkDifferences(want, have, differences);
        return differences.isEmpty()
                ? new TunnelChange.Unchanged(want)
                : new TunnelChange.Update(want, have, differences);
    }

    private static void deviceDifferences(DesiredTunnel want, DeviceState device, Identity identity,
                                          List<FieldDifference> out) {
        if (!device.publicKey().equals(Optional.of(identity.publicKey()))) {
            // Only public keys are shown: the private key never appears in a plan.
            out.add(new FieldDifference(Field.PRIVATE_KEY,
                    device.publicKey().isPresent() ? "key of " + device.publicKey().get() : "none", "key of " + identity.publicKey()));
        }
        if (want.randomPort() ? device.listenPort() == 0 : device.listenPort() != want.listenPort()) {
            out.add(new FieldDifference(Field.LISTEN_PORT, String.valueOf(device.listenPort()),
                    want.randomPort() ? "random" : String.valueOf(want.listenPort())));
        }
        if (device.fwmark() != want.fwmark()) {
            out.add(new FieldDifference(Field.FWMARK, String.valueOf(device.fwmark()), String.valueOf(want.fwmark())));
        }
        List<PeerState> peers = device.peers();
        if (peers.size() != 1 || !peers.get(0).publicKey().equals(want.peerKey())) {
            List<String> keys = new ArrayList<>(peers.size());
            for (PeerState p : peers) keys.add(p.publicKey().base64());
            String was = peers.isEmpty() ? "none" : String.join(",", keys);
            out.add(new FieldDifference(Field.PEER_KEY, was, want.peerKey().base64()));
            return;
        }
        PeerState peer = peers.get(0);
        // Without a wanted endpoint, whatever WireGuard learned from the peer's packets is right.
        if (want.endpoint().isPresent() && !want.endpoint().equals(peer.endpoint())) {
            out.add(new FieldDifference(Field.ENDPOINT, peer.endpoint().isPresent() ? endpointText(peer.endpoint().get()) : "none",
                    endpointText(want.endpoint().get())));
        }
        if (!(ALLOWED_IP_SET.containsAll(peer.allowedIps()) && peer.allowedIps().containsAll(ALLOWED_IP_SET))) {
            out.add(new FieldDifference(Field.ALLOWED_IPS, String.join(",", peer.allowedIps()), String.join(",", ALLOWED_IPS)));
        }
        if (peer.keepaliveSeconds() != want.keepalive()) {
            out.add(new FieldDifference(Field.KEEPALIVE, String.valueOf(peer.keepaliveSeconds()), String.valueOf(want.keepalive())));
        }
    }

    private static void linkDifferences(DesiredTunnel want, ObservedTunnel have, List<FieldDifference> out) {
        Link link = have.link();
        if (link.group() != want.group()) {
            out.add(new FieldDifference(Field.GROUP, String.valueOf(link.group()), String.valueOf(want.group())));
        }
        // -1: the netlink layer could not tell; asking again every pass would never settle.
        if (link.addrGenMode() >= 0 && link.addrGenMode() != Link.ADDR_GEN_MODE_NONE) {
            out.add(new FieldDifference(Field.ADDRGENMODE, String.valueOf(link.addrGenMode()), "none"));
        }
        if (link.mtu() != want.mtu()) {
            out.add(new FieldDifference(Field.MTU, String.valueOf(link.mtu()), String.valueOf(want.mtu())));
        }
        // Exactly our link-local address: a stale one (from an older key) would confuse the routing daemon.
        if (!onlyLinkLocal(have.addresses(), want.linkLocal())) {
            List<String> linkLocals = new ArrayList<>();
            for (LinkAddress a : have.addresses()) {
                if (a.address().isLinkLocalAddress()) linkLocals.add(AddressText.of(a.address()) + "/" + a.prefixLength());
            }
            Collections.sort(linkLocals);
            String wanted = AddressText.of(want.linkLocal()) + "/" + LinkLocalAddress.PREFIX_LENGTH;
            out.add(new FieldDifference(Field.LINK_LOCAL, linkLocals.isEmpty() ? "none" : String.join(",", linkLocals), wanted));
        }
        // A tunnel released from (or moved out of) its VRF by hand leaks traffic past the isolation.
        if (!have.master().equals(want.master())) {
            out.add(new FieldDifference(Field.MASTER, have.master().isEmpty() ? "none" : have.master(),
                    want.master().isEmpty() ? "none" : want.master()));
        }
        if (!link.up()) {
            out.add(new FieldDifference(Field.UP, "false", "true"));
        }
    }

    /** Whether {@code wanted}/64 is the one link-local address among {@code addresses} (compared without text: every pass asks). */
    private static boolean onlyLinkLocal(List<LinkAddress> addresses, InetAddress wanted) {
        int linkLocals = 0;
        boolean found = false;
        for (LinkAddress a : addresses) {
            if (!a.address().isLinkLocalAddress()) continue;
            linkLocals++;
            found |= a.address().equals(wanted) && a.prefixLength() == LinkLocalAddress.PREFIX_LENGTH;
        }
        return linkLocals == 1 && found;
    }

    private static String kindOf(Link link) {
        return link.kind().isEmpty() ? "link" : link.kind() + " link";
    }

    public static String endpointText(InetSocketAddress endpoint) {
        String host = AddressText.of(endpoint.getAddress());
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + endpoint.getPort();
    }
}
