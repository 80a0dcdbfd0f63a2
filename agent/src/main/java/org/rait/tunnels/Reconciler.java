package org.rait.tunnels;

import org.rait.isolation.IsolationScope;
import org.rait.log.EventLog;
import org.rait.netlink.Link;
import org.rait.netlink.LinkAddress;
import org.rait.netlink.LinkSettings;
import org.rait.netlink.NetlinkRequest;
import org.rait.netlink.Outcome;
import org.rait.netlink.RouteNetlink;
import org.rait.netlink.RtnetlinkRequests;
import org.rait.plan.DesiredTunnel;
import org.rait.plan.FieldDifference;
import org.rait.plan.Identity;
import org.rait.plan.LinkLocalAddress;
import org.rait.plan.ObservedTunnel;
import org.rait.plan.Planner;
import org.rait.plan.TunnelChange;
import org.rait.plan.TunnelPlan;
import org.rait.wireguard.DeviceConfig;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.PeerConfig;
import org.rait.wireguard.WireGuard;
import org.rait.wireguard.WireGuardException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a {@link TunnelPlan}: writes only what differs. Removals and creations go to the kernel in
 * batches across all interfaces; updates interface by interface. One interface that fails is logged and
 * counted and the others go on; a new interface that fails half-way is removed again, so that nothing is
 * left half-made.
 */
public final class Reconciler {
    private final WireGuard wireGuard;
    private final IsolationScope scope;
    private final NetlinkSockets netlinks;
    private final RouteNetlink targetLinks;
    private final EventLog log;
    private final Progress progress;

    public Reconciler(WireGuard wireGuard, IsolationScope scope, NetlinkSockets netlinks, EventLog log, Progress progress) {
        this.wireGuard = wireGuard;
        this.scope = scope;
        this.netlinks = netlinks;
        this.targetLinks = netlinks.apply(scope.target());
        this.log = log;
        this.progress = progress;
    }

    /** Applies the plan; the recap's writes are the write requests this apply made. */
    public Recap apply(TunnelPlan plan) {
        long writesBefore = writes();
        int ok = 0;
        int changed = 0;
        int removed = 0;
        List<String> failures = new ArrayList<>();
        Map<String, RuntimeException> removals = removeAll(plan);
        Map<String, RuntimeException> creations = createAll(plan);
        int done = 0;
        for (TunnelChange change : plan.changes()) {
            try {
                if (change instanceof TunnelChange.Unchanged) {
                    ok++;
                } else if (change instanceof TunnelChange.Create c) {
                    if (creations.containsKey(c.ifname())) throw creations.get(c.ifname());
                    log.write(EventLog.Level.INFO, "created", c.desired().fields());
                    ok++;
                    changed++;
                } else if (change instanceof TunnelChange.Recreate r) {
                    if (creations.containsKey(r.ifname())) throw creations.get(r.ifname());
                    log.info("recreated", "ifname", r.ifname(), "reason", r.reason());
                    ok++;
                    changed++;
                } else if (change instanceof TunnelChange.Update u) {
                    update(u, plan.identity());
                    List<String> fields = new ArrayList<>(u.differences().size());
                    for (FieldDifference d : u.differences()) fields.add(d.field().spelling());
                    log.info("updated", "ifname", u.ifname(), "fields", String.join(",", fields));
                    ok++;
                    changed++;
                } else if (change instanceof TunnelChange.Remove r) {
                    if (removals.containsKey(r.ifname())) throw removals.get(r.ifname());
                    log.info("removed", "ifname", r.ifname());
                    removed++;
                }
            } catch (RuntimeException e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                failures.add(change.ifname() + ": " + reason);
                log.error("failed", "ifname", change.ifname(), "error", reason);
            }
            progress.step(++done, plan.changes().size(), change.ifname());
        }
        return new Recap(ok, changed, failures.size(), removed, writes() - writesBefore, failures);
    }

    /**
     * The plan's removals, all in one go before anything else (`rait down`, a forced mass removal, the
     * peers gone from the list): only the interfaces the plan names, each by itself, so that one refused
     * is counted and the others still go. Returns the failures by name.
     */
    private Map<String, RuntimeException> removeAll(TunnelPlan plan) {
        // loops, not streams: `rait down` runs this once, interpreted
        List<String> names = new ArrayList<>();
        for (TunnelChange c : plan.changes()) if (c instanceof TunnelChange.Remove r) names.add(r.ifname());
        if (names.isEmpty()) return Map.of();
        return wireGuard.deleteAll(names, scope.target());
    }

    private long writes() {
        return wireGuard.writeRequests() + netlinks.writeRequests();
    }

    /**
     * The plan's new interfaces (and the recreated ones, whose old interface goes first), each step for all
     * of them at once: the devices made, one link dump for their indexes, the group first (with MTU and
     * addrgenmode: should rait die from here on, the next pass recognises the interfaces as its own), the
     * devices configured, then each one's address and up. A few round trips for any number of interfaces,
     * where one interface at a time took five each. Each interface keeps its own outcome: one refused
     * request fails only its interface, which is removed again so that nothing is left half-made. Returns
     * the failures by name.
     */
    private Map<String, RuntimeException> createAll(TunnelPlan plan) {
        Map<String, RuntimeException> failed = new LinkedHashMap<>();
        Map<String, DesiredTunnel> wanted = new LinkedHashMap<>();
        for (TunnelChange change : plan.changes()) {
            if (change instanceof TunnelChange.Create c) {
                wanted.put(c.ifname(), c.desired());
            } else if (change instanceof TunnelChange.Recreate r) {
                try {
                    wireGuard.delete(r.ifname(), scope.target());
                    wanted.put(r.ifname(), r.desired());
                } catch (RuntimeException e) {
                    failed.put(r.ifname(), e);
                }
            }
        }
        if (wanted.isEmpty()) return failed;
        StepTimes steps = new StepTimes();
        Map<String, LinkSettings> settings = new LinkedHashMap<>();
        for (DesiredTunnel want : wanted.values()) settings.put(want.ifname(), new LinkSettings(want.mtu(), want.group(), true));
        Map<String, RuntimeException> notMade = wireGuard.createAll(settings, scope.transit(), scope.target());
        steps.done("create");
        failed.putAll(notMade);
        List<String> made = new ArrayList<>();
        for (String name : wanted.keySet()) if (!notMade.containsKey(name)) made.add(name);
        if (made.isEmpty()) return failed;
        try {
            Map<String, Link> links = new HashMap<>();
            for (Link l : madeLinks(made, plan.changes().size() - wanted.size())) links.put(l.name(), l);
            steps.done("links");
            List<DesiredTunnel> going = new ArrayList<>();
            for (String name : made) {
                if (links.containsKey(name)) going.add(wanted.get(name));
                else failed.put(name, new WireGuardException(name + ": made by the " + wireGuard.kind()
                        + " backend but not found in the target namespace"));
            }
            List<List<NetlinkRequest>> settle = new ArrayList<>(going.size());
            for (DesiredTunnel want : going) {
                Link link = links.get(want.ifname());
                boolean settled = link.group() == want.group() && link.mtu() == want.mtu()
                        && link.addrGenMode() == Link.ADDR_GEN_MODE_NONE;
                settle.add(settled ? List.of() : List.of(RtnetlinkRequests.setLink(link.index(), settings.get(want.ifname()), named(link))));
            }
            going = batch(going, settle, failed);
            steps.done("settings");
            List<DesiredTunnel> attached = new ArrayList<>();
            for (DesiredTunnel want : going) {
                try {
                    scope.attach(targetLinks, links.get(want.ifname()));
                    attached.add(want);
                } catch (RuntimeException e) {
                    failed.put(want.ifname(), e);
                }
            }
            Map<String, DeviceConfig> configs = new LinkedHashMap<>();
            for (DesiredTunnel want : attached) configs.put(want.ifname(), deviceConfig(want, plan.identity(), want.listenPort()));
            Map<String, RuntimeException> notConfigured = wireGuard.configureAll(configs, scope.target());
            steps.done("configure");
            failed.putAll(notConfigured);
            List<DesiredTunnel> configured = notFailed(attached, notConfigured);
            List<List<NetlinkRequest>> up = new ArrayList<>(configured.size());
            for (DesiredTunnel want : configured) {
                Link link = links.get(want.ifname());
                up.add(List.of(RtnetlinkRequests.addAddress(link.index(), want.linkLocal(), LinkLocalAddress.PREFIX_LENGTH, named(link)),
                        RtnetlinkRequests.setUp(link.index(), true, named(link))));
            }
            batch(configured, up, failed);
            steps.done("up");
        } catch (RuntimeException e) {
            for (String name : made) failed.putIfAbsent(name, e);
        }
        List<String> halfMade = new ArrayList<>();
        for (String name : made) if (failed.containsKey(name)) halfMade.add(name);
        removeHalfMade(halfMade, failed);
        log.debug("create_steps", steps.fields("tunnels", wanted.size(), "failed", failed.size()));
        return failed;
    }

    /**
     * The links just made, for their indexes. A dump answers with every link of the namespace, and parsing those is
     * most of the read; asked by name, the kernel answers for the new ones only, at a request each. So by name when
     * the interfaces the plan keeps outnumber those it makes (a peer added to a large mesh), else one dump.
     */
    private List<Link> madeLinks(List<String> made, int kept) {
        return made.size() < kept ? targetLinks.links(made) : targetLinks.links();
    }

    /** How long each step of {@link #createAll} took (milliseconds in its debug line), to see where a cold up goes. */
    private static final class StepTimes {
        private final List<Object> fields = new ArrayList<>();
        private long last = System.nanoTime();

        void done(String step) {
            long now = System.nanoTime();
            fields.add(step + "_ms");
            fields.add((now - last) / 1_000_000);
            last = now;
        }

        Object[] fields(Object... leading) {
            List<Object> all = new ArrayList<>(List.of(leading));
            all.addAll(fields);
            return all.toArray();
        }
    }

    /**
     * Sends the requests of every tunnel (requestsOf.get(i) are those of tunnels.get(i)) in one batch and
     * returns the tunnels whose requests were all taken; the others go to {@code failed} with the first
     * refusal (which names the interface). Lists, not a function: no lambda on a one-shot's way
     * (OneShotLinkingTest).
     */
    private List<DesiredTunnel> batch(List<DesiredTunnel> tunnels, List<List<NetlinkRequest>> requestsOf,
                                      Map<String, RuntimeException> failed) {
        List<NetlinkRequest> requests = new ArrayList<>();
        List<DesiredTunnel> owners = new ArrayList<>();
        for (int t = 0; t < tunnels.size(); t++) {
            for (NetlinkRequest request : requestsOf.get(t)) {
                requests.add(request);
                owners.add(tunnels.get(t));
            }
        }
        if (requests.isEmpty()) return tunnels;
        List<Outcome> outcomes = targetLinks.batch(requests);
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).failed()) failed.putIfAbsent(owners.get(i).ifname(), outcomes.get(i).error());
        }
        return notFailed(tunnels, failed);
    }

    private static List<DesiredTunnel> notFailed(List<DesiredTunnel> tunnels, Map<String, RuntimeException> failed) {
        List<DesiredTunnel> going = new ArrayList<>(tunnels.size());
        for (DesiredTunnel want : tunnels) if (!failed.containsKey(want.ifname())) going.add(want);
        return going;
    }

    /** The interfaces made that then failed are removed again; a removal refused too is kept with the failure. */
    private void removeHalfMade(List<String> names, Map<String, RuntimeException> failed) {
        if (names.isEmpty()) return;
        for (Map.Entry<String, RuntimeException> cleanup : wireGuard.deleteAll(names, scope.target()).entrySet()) {
            failed.get(cleanup.getKey()).addSuppressed(cleanup.getValue());
        }
    }

    private static String named(Link link) {
        return "index=" + link.index() + " name=" + link.name();
    }

    private void update(TunnelChange.Update u, Identity identity) {
        DesiredTunnel want = u.desired();
        int index = u.observed().link().index();
        if (u.touchesDevice()) {
            // With random_port, keep the port the kernel picked unless the device lost its socket.
            Optional<DeviceState> device = u.observed().device();
            int port = want.randomPort() ? (device.isPresent() ? device.get().listenPort() : 0) : want.listenPort();
            wireGuard.configure(want.ifname(), scope.target(), deviceConfig(want, identity, port));
        }
        for (FieldDifference d : u.differences()) {
            switch (d.field()) {
                case GROUP -> targetLinks.setGroup(index, want.group());
                case ADDRGENMODE -> targetLinks.setAddrGenModeNone(index);
                case MTU -> targetLinks.setMtu(index, want.mtu());
                case LINK_LOCAL -> linkLocal(index, want, u.observed());
                case MASTER -> {
                    if (want.master().isEmpty()) targetLinks.setMaster(index, 0);
                    else scope.attach(targetLinks, u.observed().link());
                }
                case UP -> targetLinks.setUp(index, true);
                default -> {
                    // Device fields were written together above.
                }
            }
        }
    }

    /** Removes link-local addresses that are not ours, adds ours when missing. */
    private void linkLocal(int index, DesiredTunnel want, ObservedTunnel have) {
        boolean present = false;
        for (LinkAddress a : have.addresses()) {
            if (!a.address().isLinkLocalAddress()) continue;
            if (a.address().equals(want.linkLocal()) && a.prefixLength() == LinkLocalAddress.PREFIX_LENGTH) {
                present = true;
            } else {
                targetLinks.deleteAddress(index, a.address(), a.prefixLength());
            }
        }
        if (!present) targetLinks.addAddress(index, want.linkLocal(), LinkLocalAddress.PREFIX_LENGTH);
    }

    static DeviceConfig deviceConfig(DesiredTunnel want, Identity identity, int listenPort) {
        PeerConfig peer = new PeerConfig(want.peerKey(), want.endpoint(), Planner.ALLOWED_IPS, want.keepalive());
        return new DeviceConfig(identity.privateKey(), listenPort, want.fwmark(), List.of(peer));
    }
}
