package org.rait.agent;

import org.rait.config.AddressFamily;
import org.rait.config.RaitConfig;
import org.rait.keys.WgKey;
import org.rait.netlink.Link;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;
import org.rait.plan.DesiredTunnel;
import org.rait.plan.Identity;
import org.rait.plan.ObservedTunnel;
import org.rait.plan.TunnelChange;
import org.rait.plan.TunnelPlan;
import org.rait.tunnels.Recap;
import org.rait.tunnels.TunnelSync;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.PeerState;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Stands in for the kernel in unit tests: one tunnel per peer, plans computed against what it holds, and a
 * count of every tunnel it created or removed, so a test can say exactly what the agent applied.
 */
final class FakeTunnels implements TunnelSync {
    // The loop test reads from its own thread while the agent's thread applies.
    private final TreeMap<String, DesiredTunnel> installed = new TreeMap<>();
    private final List<PeerList> applied = new ArrayList<>();
    private int writes;

    @Override
    public synchronized Planned plan(RaitConfig config, PeerList peers) {
        Identity identity = Identity.of(config.privateKey());
        TreeMap<String, DesiredTunnel> desired = new TreeMap<>();
        for (Peer peer : peers.peers()) {
            if (peer.publicKey().equals(identity.publicKey())) continue;
            DesiredTunnel t = tunnel(peer);
            desired.put(t.ifname(), t);
        }
        List<TunnelChange> changes = new ArrayList<>();
        desired.forEach((name, want) -> changes.add(want.equals(installed.get(name))
                ? new TunnelChange.Unchanged(want) : new TunnelChange.Create(want)));
        installed.forEach((name, have) -> {
            if (!desired.containsKey(name)) changes.add(new TunnelChange.Remove(observed(have)));
        });
        // The conflicts the real planner finds in this list, so that the pass's reporting of them can be checked.
        List<org.rait.plan.PlanWarning> conflicts = List.copyOf(org.rait.plan.Planner.plan(config, identity, peers,
                org.rait.plan.ResolvedAddresses.NONE, List.of()).sendPortConflicts());
        TunnelPlan plan = new TunnelPlan(identity, changes, conflicts);
        return new Planned() {
            @Override
            public TunnelPlan plan() {
                return plan;
            }

            @Override
            public Recap apply() {
                synchronized (FakeTunnels.this) {
                    return applyPlan();
                }
            }

            private Recap applyPlan() {
                applied.add(peers);
                int changed = 0;
                for (TunnelChange c : plan.changes()) {
                    if (c instanceof TunnelChange.Create create) {
                        installed.put(create.ifname(), create.desired());
                        changed++;
                    } else if (c instanceof TunnelChange.Remove remove) {
                        installed.remove(remove.ifname());
                    }
                }
                int removed = plan.of(TunnelChange.Remove.class).size();
                writes += changed + removed;
                return new Recap(desired.size(), changed, 0, removed, changed + removed, List.of());
            }

            @Override
            public void close() {
            }
        };
    }

    /** Names of the peers that have a tunnel now. */
    synchronized Set<String> peerNames() {
        Set<String> names = new TreeSet<>();
        installed.values().forEach(t -> names.add(t.peerName()));
        return names;
    }

    /** Tunnels created or removed since the start (0 = the kernel was never touched). */
    int writes() {
        return writes;
    }

    /** Every peer list a pass applied, in order. */
    synchronized List<PeerList> applied() {
        return List.copyOf(applied);
    }

    /** Tunnels as if made by hand or by an earlier run, before the agent starts. */
    void preinstall(PeerList peers) {
        peers.peers().forEach(p -> installed.put(tunnel(p).ifname(), tunnel(p)));
    }

    /** An operator deletes a peer's interface by hand. */
    synchronized void deleteByHand(String peerName) {
        installed.values().removeIf(t -> t.peerName().equals(peerName));
    }

    private static DesiredTunnel tunnel(Peer peer) {
        int port = peer.endpoints().get(0).sendPort();
        return new DesiredTunnel("rait6x" + port, AddressFamily.IP6, peer.publicKey(), peer.name(), port,
                Optional.empty(), 54, 1420, 54, linkLocal(port), 0);
    }

    private static ObservedTunnel observed(DesiredTunnel t) {
        Link link = new Link(1, t.ifname(), "tun", t.group(), t.mtu(), true, 0, Link.ADDR_GEN_MODE_NONE);
        PeerState peer = new PeerState(t.peerKey(), Optional.empty(), List.of("::/0"), 0, 0, 0, 0);
        return new ObservedTunnel(link, List.of(), Optional.of(new DeviceState(t.ifname(), Optional.<WgKey>empty(),
                t.listenPort(), t.fwmark(), List.of(peer))));
    }

    private static Inet6Address linkLocal(int port) {
        try {
            return (Inet6Address) InetAddress.getByName("fe80::" + Integer.toHexString(port));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
