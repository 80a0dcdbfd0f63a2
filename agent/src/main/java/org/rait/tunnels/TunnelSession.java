package org.rait.tunnels;

import org.rait.babeld.Babeld;
import org.rait.babeld.BabeldStep;
import org.rait.babeld.Timeouts;
import org.rait.config.Backend;
import org.rait.config.RaitConfig;
import org.rait.isolation.IsolationScope;
import org.rait.log.EventLog;
import org.rait.plan.ObservedTunnel;
import org.rait.plan.TunnelPlan;
import org.rait.wireguard.BackendChoice;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.WireGuard;
import org.rait.wireguard.kernel.KernelWireGuard;
import org.rait.wireguard.userspace.UserspaceWireGuard;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kernel side of one pass: the isolation's namespaces, one rtnetlink socket per namespace and the
 * WireGuard backend, opened together and closed together; the pass observes, plans, guards and then applies.
 *
 * <p>A session opened to apply holds the node's {@link RunLock} until it is closed, so that what it observed is
 * still true when it applies; one opened to observe (`--check`, `rait list`) takes no lock and cannot apply.
 */
final class TunnelSession implements Tunnels.Session {
    private final RaitConfig config;
    private final IsolationScope scope;
    private final NetlinkSockets netlinks;
    private final WireGuard wireGuard;
    private final EventLog log;
    private final Optional<RunLock> lock;
    private final boolean readGroupDevices;
    /** The interfaces of wireguard-go processes the last apply ended as strays: read again with what the plan touched. */
    private List<String> endedStrays = List.of();

    private TunnelSession(RaitConfig config, IsolationScope scope, NetlinkSockets netlinks,
                          WireGuard wireGuard, EventLog log, Optional<RunLock> lock, boolean readGroupDevices) {
        this.config = config;
        this.scope = scope;
        this.netlinks = netlinks;
        this.wireGuard = wireGuard;
        this.log = log;
        this.lock = lock;
        this.readGroupDevices = readGroupDevices;
    }

    /**
     * Takes the run lock (waiting up to {@link RunLock#DEFAULT_WAIT} for another run), then opens the isolation
     * (creating the target namespace when missing) and the chosen backend. Without {@code readGroupDevices}
     * (`rait down`) its observation leaves the group's WireGuard devices unread.
     */
    static TunnelSession openToApply(RaitConfig config, EventLog log, boolean readGroupDevices) {
        RunLock lock = RunLock.acquire(Path.of(config.runtimeDir()), RunLock.DEFAULT_WAIT, log);
        try {
            return open(config, log, Optional.of(lock), readGroupDevices);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Opens the isolation and the backend without the run lock: for looking only. */
    static TunnelSession openToObserve(RaitConfig config, EventLog log, boolean readGroupDevices) {
        return open(config, log, Optional.empty(), readGroupDevices);
    }

    private static TunnelSession open(RaitConfig config, EventLog log, Optional<RunLock> lock, boolean readGroupDevices) {
        Backend backend = BackendChoice.chosen(config.backend());
        IsolationScope scope = IsolationScope.open(config.isolation());
        NetlinkSockets netlinks = NetlinkSockets.real();
        try {
            WireGuard wireGuard = backend(backend, config, scope, netlinks);
            log.debug("session", "backend", wireGuard.kind(), "transit", config.isolation().transit(),
                    "target", config.isolation().target(), "ifgroup", config.isolation().ifgroup(),
                    "run_lock", lock.isPresent() ? "held" : "none");
            return new TunnelSession(config, scope, netlinks, wireGuard, log, lock, readGroupDevices);
        } catch (RuntimeException e) {
            netlinks.close();
            scope.close();
            throw e;
        }
    }

    private static WireGuard backend(Backend backend, RaitConfig config, IsolationScope scope, NetlinkSockets netlinks) {
        if (backend == Backend.USERSPACE) {
            return new UserspaceWireGuard(UserspaceWireGuard.socketDirectory(Path.of(config.runtimeDir()),
                    scope.target().name(), config.isolation().ifgroup()), netlinks);
        }
        return new KernelWireGuard();
    }

    @Override
    public ManagedInterfaces.Observation observe() {
        if (!readGroupDevices) {
            return ManagedInterfaces.observeToRemove(netlinks.apply(scope.target()), config.isolation().ifgroup(), wireGuard, scope.target());
        }
        return ManagedInterfaces.observe(netlinks.apply(scope.target()), config.isolation().ifgroup(), wireGuard, scope.target());
    }

    @Override
    public ManagedInterfaces.Observation observe(Map<Integer, Optional<DeviceState>> knownDevices) {
        return ManagedInterfaces.observe(netlinks.apply(scope.target()), config.isolation().ifgroup(), wireGuard, scope.target(),
                knownDevices);
    }

    @Override
    public ManagedInterfaces.Observation observeAgain(ManagedInterfaces.Observation before, Set<String> names) {
        Set<String> again = names;
        if (!endedStrays.isEmpty()) {
            again = new HashSet<>(names);
            again.addAll(endedStrays);
        }
        return ManagedInterfaces.observeAgain(netlinks.apply(scope.target()), config.isolation().ifgroup(), wireGuard, scope.target(),
                before, again);
    }

    @Override
    public Recap apply(TunnelPlan plan, Progress progress) {
        if (lock.isEmpty()) throw new IllegalStateException("a session opened to observe cannot apply a plan");
        Recap recap = new Reconciler(wireGuard, scope, netlinks, log, progress).apply(plan);
        List<String> strays = wireGuard.removeStrays(new HashSet<>(plan.desiredNames()));
        endedStrays = strays;
        for (String s : strays) log.info("stray_removed", "ifname", s, "reason", "wireguard-go of this configuration without a managed interface");
        return strays.isEmpty() ? recap : new Recap(recap.ok(), recap.changed(), recap.failed(), recap.removed(),
                recap.writes() + strays.size(), recap.failures());
    }

    /** babeld is told only after a plan was applied: a session opened to observe leaves it alone. */
    @Override
    public BabeldStep.Result syncBabeld() {
        if (lock.isEmpty()) return BabeldStep.checkOnly();
        return BabeldStep.sync(config, () -> netlinks.apply(scope.target()).links(),
                babeld -> Babeld.connect(babeld, scope.target(), Timeouts.DEFAULT), log);
    }

    @Override
    public void close() {
        wireGuard.close();
        netlinks.close();
        scope.close();
        if (lock.isPresent()) lock.get().close();
    }
}
