package org.rait.agent;

import org.rait.babeld.BabeldStep;
import org.rait.config.AgentSettings;
import org.rait.config.RaitConfig;
import org.rait.netlink.Link;
import org.rait.netlink.LinkAddress;
import org.rait.netlink.LinkEvent;
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
 * removed, so a test can say exactly what the agent applied, and every read (link dump, address dump, device read).
 * Announces link changes the way the kernel does (every step of a new interface, then the later operstate one) to a
 * listener, when one is set.
 */
final class FakeTunnels implements Tunnels {
    /** The port the kernel picks for a transport with random_port. */
    private static final int PICKED_PORT = 40000;

    // The loop test reads from its own thread while the agent's thread applies.
    private final TreeMap<String, DesiredTunnel> installed = new TreeMap<>();
    private final List<PeerList> applied = new ArrayList<>();
    private final Map<String, Integer> indexes = new java.util.HashMap<>();
    private final Set<String> downByHand = new TreeSet<>();
    private final Map<String, Integer> portByHand = new java.util.HashMap<>();
    private int nextIndex = 10;
    private int writes;
    private int reads;
    private int sessions;
    private java.util.function.Consumer<LinkEvent> events = e -> { };
    private int babeldSyncs;
    private BabeldStep.Status babeldAnswer = BabeldStep.Status.SYNCED;
    private Runnable whileApplying = () -> { };

    @Override
    public synchronized Session openToApply(RaitConfig config) {
        sessions++;
        return new FakeSession(Identity.of(config.privateKey()), true);
    }

    @Override
    public synchronized Session openToObserve(RaitConfig config) {
        sessions++;
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
            return observe(Map.of());
        }

        /** One link dump, one address dump, and a device read for each interface whose index is not known. */
        @Override
        public ManagedInterfaces.Observation observe(Map<Integer, Optional<DeviceState>> knownDevices) {
            synchronized (FakeTunnels.this) {
                List<ObservedTunnel> seen = installed.values().stream().map(t -> asTheKernelShowsIt(t, identity)).toList();
                reads += 2 + (int) seen.stream().filter(t -> !knownDevices.containsKey(t.link().index())).count();
                return new ManagedInterfaces.Observation(seen, List.of());
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
        whileApplying.run();
        applied.add(peersOf(plan));
        int changed = 0;
        int removed = 0;
        List<LinkEvent> announced = new ArrayList<>();
        for (TunnelChange c : plan.changes()) {
            if (c instanceof TunnelChange.Remove) {
                announced.add(new LinkEvent(LinkEvent.Kind.DELETED, Optional.of(link(installed.get(c.ifname())))));
                installed.remove(c.ifname());
                indexes.remove(c.ifname());
                removed++;
            } else if (!(c instanceof TunnelChange.Unchanged)) {
                DesiredTunnel want = desired(c);
                if (!installed.containsKey(want.ifname())) {
                    indexes.put(want.ifname(), nextIndex++);
                    announced.add(new LinkEvent(LinkEvent.Kind.NEW, Optional.of(new Link(indexes.get(want.ifname()), want.ifname(),
                            "tun", 0, 1420, false, 0, -1))));
                }
                installed.put(want.ifname(), want);
                downByHand.remove(want.ifname());
                portByHand.remove(want.ifname());
                announced.add(new LinkEvent(LinkEvent.Kind.NEW, Optional.of(link(want))));
            }
            if (c instanceof TunnelChange.Create || c instanceof TunnelChange.Recreate || c instanceof TunnelChange.Update) changed++;
        }
        announced.forEach(events);
        // The kernel's later announcement (operstate) repeats the final state of each link it brought up.
        announced.stream().filter(e -> e.kind() == LinkEvent.Kind.NEW && e.link().orElseThrow().group() != 0).forEach(events);
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
    synchronized int writes() {
        return writes;
    }

    /** Kernel reads since the start: link dumps, address dumps and WireGuard device reads. */
    synchronized int reads() {
        return reads;
    }

    /** Sessions opened since the start (each would take the run lock and open the namespaces). */
    synchronized int sessions() {
        return sessions;
    }

    /** Runs at the start of every apply, on the pass's thread (what else happens in the process meanwhile). */
    synchronized void whileApplying(Runnable action) {
        whileApplying = action;
    }

    /** Where link changes are announced from now on. */
    synchronized void announceTo(java.util.function.Consumer<LinkEvent> listener) {
        events = listener;
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
    synchronized void preinstall(PeerList peers) {
        RaitConfig config = Node.config("", AgentSettings.DEFAULT);
        Identity identity = Identity.of(config.privateKey());
        Planner.plan(config, identity, peers, ResolvedAddresses.NONE, List.of()).changes().forEach(c -> {
            installed.put(c.ifname(), desired(c));
            indexes.put(c.ifname(), nextIndex++);
        });
    }

    /** An operator deletes a peer's interface by hand. */
    synchronized void deleteByHand(String peerName) {
        List<DesiredTunnel> gone = installed.values().stream().filter(t -> t.peerName().equals(peerName)).toList();
        installed.values().removeIf(t -> t.peerName().equals(peerName));
        gone.forEach(t -> events.accept(new LinkEvent(LinkEvent.Kind.DELETED, Optional.of(link(t)))));
        gone.forEach(t -> indexes.remove(t.ifname()));
    }

    /** `ip link set IFNAME down` by an operator. */
    synchronized void setDownByHand(String ifname) {
        downByHand.add(ifname);
        events.accept(new LinkEvent(LinkEvent.Kind.NEW, Optional.of(link(installed.get(ifname)))));
    }

    /** `wg set IFNAME listen-port PORT` by an operator: no link event. */
    synchronized void setListenPortByHand(String ifname, int port) {
        portByHand.put(ifname, port);
    }

    /** The names of the interfaces, in order. */
    synchronized List<String> ifnames() {
        return List.copyOf(installed.keySet());
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

    /** The link as rtnetlink shows it after the reconciler made it (and whatever an operator did to it since). */
    private Link link(DesiredTunnel want) {
        return new Link(indexes.get(want.ifname()), want.ifname(), "tun", want.group(), want.mtu(), !downByHand.contains(want.ifname()),
                0, Link.ADDR_GEN_MODE_NONE);
    }

    /** The interface as link, addresses and device would read back after the reconciler made it. */
    private ObservedTunnel asTheKernelShowsIt(DesiredTunnel want, Identity identity) {
        Link link = link(want);
        LinkAddress linkLocal = new LinkAddress(link.index(), want.linkLocal(), LinkLocalAddress.PREFIX_LENGTH);
        PeerState peer = new PeerState(want.peerKey(), want.endpoint(), Planner.ALLOWED_IPS, want.keepalive(), 0, 0, 0);
        int port = portByHand.getOrDefault(want.ifname(), want.randomPort() ? PICKED_PORT : want.listenPort());
        DeviceState device = new DeviceState(want.ifname(), Optional.of(identity.publicKey()), port, want.fwmark(), List.of(peer));
        return new ObservedTunnel(link, List.of(linkLocal), Optional.of(device), want.master());
    }
}
