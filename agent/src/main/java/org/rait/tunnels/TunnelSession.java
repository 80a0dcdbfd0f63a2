package org.rait.tunnels;

import org.rait.config.Backend;
import org.rait.config.RaitConfig;
import org.rait.isolation.IsolationScope;
import org.rait.log.EventLog;
import org.rait.peers.PeerList;
import org.rait.plan.Identity;
import org.rait.plan.ObservedTunnel;
import org.rait.plan.Planner;
import org.rait.plan.ResolvedAddresses;
import org.rait.plan.TunnelPlan;
import org.rait.wireguard.BackendChoice;
import org.rait.wireguard.WireGuard;
import org.rait.wireguard.kernel.KernelWireGuard;
import org.rait.wireguard.userspace.UserspaceWireGuard;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The kernel side of one pass: the isolation's namespaces, one rtnetlink socket per namespace and the
 * WireGuard backend, opened together and closed together. observe, plan and apply may be called
 * separately (the agent loop holds a plan back between them), {@link Tunnels} strings them together.
 *
 * <p>A session opened to apply holds the node's {@link RunLock} until it is closed, so that what it observed is
 * still true when it applies; one opened to observe (`--check`, `rait list`) takes no lock and cannot apply.
 */
public final class TunnelSession implements AutoCloseable {
    private final RaitConfig config;
    private final Identity identity;
    private final IsolationScope scope;
    private final NetlinkSockets netlinks;
    private final WireGuard wireGuard;
    private final EventLog log;
    private final Optional<RunLock> lock;

    private TunnelSession(RaitConfig config, Identity identity, IsolationScope scope, NetlinkSockets netlinks,
                          WireGuard wireGuard, EventLog log, Optional<RunLock> lock) {
        this.config = config;
        this.identity = identity;
        this.scope = scope;
        this.netlinks = netlinks;
        this.wireGuard = wireGuard;
        this.log = log;
        this.lock = lock;
    }

    /**
     * Takes the run lock (waiting up to {@link RunLock#DEFAULT_WAIT} for another run), then opens the isolation
     * (creating the target namespace when missing) and the chosen backend.
     */
    public static TunnelSession openToApply(RaitConfig config, EventLog log) {
        RunLock lock = RunLock.acquire(Path.of(config.runtimeDir()), RunLock.DEFAULT_WAIT, log);
        try {
            return open(config, log, Optional.of(lock));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Opens the isolation and the backend without the run lock: for looking only. */
    public static TunnelSession openToObserve(RaitConfig config, EventLog log) {
        return open(config, log, Optional.empty());
    }

    private static TunnelSession open(RaitConfig config, EventLog log, Optional<RunLock> lock) {
        Backend backend = BackendChoice.probe().choose(config.backend());
        IsolationScope scope = IsolationScope.open(config.isolation());
        NetlinkSockets netlinks = NetlinkSockets.real();
        try {
            WireGuard wireGuard = backend(backend, config, scope, netlinks);
            log.debug("session", "backend", wireGuard.kind(), "transit", config.isolation().transit(),
                    "target", config.isolation().target(), "ifgroup", config.isolation().ifgroup(),
                    "run_lock", lock.isPresent() ? "held" : "none");
            return new TunnelSession(config, Identity.of(config.privateKey()), scope, netlinks, wireGuard, log, lock);
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

    public Identity identity() {
        return identity;
    }

    public String backendKind() {
        return wireGuard.kind();
    }

    /** The managed interfaces in the target namespace as they are now. */
    public List<ObservedTunnel> observe() {
        return observation().managed();
    }

    private ManagedInterfaces.Observation observation() {
        return ManagedInterfaces.observe(netlinks.apply(scope.target()), config.isolation().ifgroup(), wireGuard, scope.target());
    }

    public TunnelPlan plan(PeerList peers, ResolvedAddresses resolved) {
        ManagedInterfaces.Observation observed = observation();
        return Planner.plan(config, identity, peers, resolved, observed.managed(), observed.others());
    }

    public Recap apply(TunnelPlan plan, Progress progress) {
        if (lock.isEmpty()) throw new IllegalStateException("a session opened to observe cannot apply a plan");
        Recap recap = new Reconciler(wireGuard, scope, netlinks, log, progress).apply(plan);
        List<String> strays = wireGuard.removeStrays(new HashSet<>(plan.desiredNames()));
        strays.forEach(s -> log.info("stray_removed", "ifname", s, "reason", "wireguard-go of this configuration without a managed interface"));
        return strays.isEmpty() ? recap : new Recap(recap.ok(), recap.changed(), recap.failed(), recap.removed(),
                recap.writes() + strays.size(), recap.failures());
    }

    /** Kernel write requests so far in this session (rtnetlink in every namespace + WireGuard). */
    public long writeRequests() {
        return netlinks.writeRequests() + wireGuard.writeRequests();
    }

    @Override
    public void close() {
        wireGuard.close();
        netlinks.close();
        scope.close();
        lock.ifPresent(RunLock::close);
    }
}
