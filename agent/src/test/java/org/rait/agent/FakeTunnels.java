package org.rait.agent;

import org.rait.babeld.BabeldStep;
import org.rait.config.AgentSettings;
import org.rait.config.RaitConfig;
import org.rait.netlink.Link;
import org.rait.netlink.LinkAddress;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;
import org.rait.plan.DesiredTunnel;
import org.rait.plan.Identity;
import org.rait.plan.LinkLocalAddress;
import org.rait.plan.ObservedTunnel;
import org.rait.plan.Planner;
import org.rait.plan.ResolvedAddresses;
import org.rait.plan.TunnelChange;
import org.rait.plan.TunnelPlan;
import org.rait.tunnels.ManagedInterfaces;
import org.rait.tunnels.Progress;
import org.rait.tunnels.Recap;
import org.rait.tunnels.Tunnels;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.PeerState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Stands in for the kernel in unit tests: holds interfaces exactly as the real kernel would show them once the pass
 * applied them, so the real {@link Planner} (run by the pass) finds them unchanged; counts every interface created or
 * removed, so a test can say exactly what the agent applied.
 */
final class FakeTunnels implements Tunnels {
    /** The port the kernel picks for a transport with random_port. */
    private static final int PICKED_PORT = 40000;

    // The loop test reads from its own thread while the agent's thread applies.
    private final TreeMap<String, DesiredTunnel> installed = new TreeMap<>();
    private final List<PeerList> applied = new ArrayList<>();
    private int writes;
    private int babeldSyncs;
    private BabeldStep.Status babeldAnswer = BabeldStep.Status.SYNCED;

    @Override
    public Session openToApply(RaitConfig config) {
        return new FakeSession(Identity.of(config.privateKey()), true);
    }

    @Override
    public Session openToObserve(RaitConfig config) {
        return new FakeSession(Identity.of(config.privateKey()), false);
    }

    private final class FakeSession implements Session {
        private final Identity identity;
        private final boolean mayApply;

        FakeSession(Identity identity, boolean mayApply) {
            this.identity = identity;
            this.mayApply = mayApply;
        }

        @Override
        public ManagedInterfaces.Observation observe() {
            synchronized (FakeTunnels.this) {
                return new ManagedInterfaces.Observation(installed.values().stream().map(t -> asTheKernelShowsIt(t, identity)).toList(),
                        List.of());
            }
        }

        @Override
        public Recap apply(TunnelPlan plan, Progress progress) {
            if (!mayApply) throw new IllegalStateException("a session opened to observe cannot apply a plan");
            synchronized (FakeTunnels.this) {
                return applyPlan(plan);
            }
        }

        @Override
        public BabeldStep.Result syncBabeld() {
            synchronized (FakeTunnels.this) {
                babeldSyncs++;
                String error = babeldAnswer == BabeldStep.Status.FAILED ? "babeld control socket unix:/run/babeld.ctl does not exist" : "";
                return new BabeldStep.Result(babeldAnswer, List.of(), error);
            }
        }

        @Override
        public void close() {
        }
    }

    private Recap applyPlan(TunnelPlan plan) {
        applied.add(peersOf(plan));
        int changed = 0;
        int removed = 0;
        for (TunnelChange c : plan.changes()) {
            if (c instanceof TunnelChange.Remove) {
                installed.remove(c.ifname());
                removed++;
            } else if (!(c instanceof TunnelChange.Unchanged)) {
                DesiredTunnel want = desired(c);
                installed.put(want.ifname(), want);
                changed++;
            }
        }
        writes += changed + removed;
        int kept = plan.changes().size() - removed;
        return new Recap(kept, changed, 0, removed, changed + removed, List.of());
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

    /** How often a pass told babeld about the interfaces. */
    synchronized int babeldSyncs() {
        return babeldSyncs;
    }

    /** What babeld answers from now on. */
    synchronized void babeldAnswers(BabeldStep.Status status) {
        babeldAnswer = status;
    }

    /** Every peer list a pass applied, in order. */
    synchronized List<PeerList> applied() {
        return List.copyOf(applied);
    }

    /** Tunnels as if made by hand or by an earlier run of {@link Node}'s configuration, before the agent starts. */
    void preinstall(PeerList peers) {
        RaitConfig config = Node.config("", AgentSettings.DEFAULT);
        Identity identity = Identity.of(config.privateKey());
        Planner.plan(config, identity, peers, ResolvedAddresses.NONE, List.of()).changes()
                .forEach(c -> installed.put(c.ifname(), desired(c)));
    }

    /** An operator deletes a peer's interface by hand. */
    synchronized void deleteByHand(String peerName) {
        installed.values().removeIf(t -> t.peerName().equals(peerName));
    }

    /** The peers a plan makes tunnels to, each with the endpoints of its tunnels (no address: {@link Registry}'s shape). */
    private static PeerList peersOf(TunnelPlan plan) {
        Map<WgKey, Peer> peers = new LinkedHashMap<>();
        for (TunnelChange c : plan.changes()) {
            if (c instanceof TunnelChange.Remove) continue;
            DesiredTunnel t = desired(c);
            Endpoint endpoint = new Endpoint(t.family(), Integer.parseInt(t.ifname().replaceAll("^.*?(\\d+)$", "$1")), "");
            peers.merge(t.peerKey(), new Peer(t.peerKey(), t.peerName(), List.of(endpoint)), (a, b) -> new Peer(a.publicKey(),
                    a.name(), java.util.stream.Stream.concat(a.endpoints().stream(), b.endpoints().stream()).toList()));
        }
        return new PeerList(List.copyOf(peers.values()));
    }

    private static DesiredTunnel desired(TunnelChange c) {
        if (c instanceof TunnelChange.Unchanged unchanged) return unchanged.desired();
        if (c instanceof TunnelChange.Create create) return create.desired();
        if (c instanceof TunnelChange.Recreate recreate) return recreate.desired();
        if (c instanceof TunnelChange.Update update) return update.desired();
        throw new IllegalArgumentException("no desired tunnel in " + c);
    }

    /** The interface as link, addresses and device would read back after the reconciler made it. */
    private static ObservedTunnel asTheKernelShowsIt(DesiredTunnel want, Identity identity) {
        Link link = new Link(1, want.ifname(), "tun", want.group(), want.mtu(), true, 0, Link.ADDR_GEN_MODE_NONE);
        LinkAddress linkLocal = new LinkAddress(1, want.linkLocal(), LinkLocalAddress.PREFIX_LENGTH);
        PeerState peer = new PeerState(want.peerKey(), want.endpoint(), Planner.ALLOWED_IPS, want.keepalive(), 0, 0, 0);
        DeviceState device = new DeviceState(want.ifname(), Optional.of(identity.publicKey()),
                want.randomPort() ? PICKED_PORT : want.listenPort(), want.fwmark(), List.of(peer));
        return new ObservedTunnel(link, List.of(linkLocal), Optional.of(device), want.master());
    }
}
