package org.rait.tunnels;

import org.rait.babeld.BabeldStep;
import org.rait.config.RaitConfig;
import org.rait.isolation.IsolationScope;
import org.rait.log.EventLog;
import org.rait.plan.ObservedTunnel;
import org.rait.plan.TunnelPlan;

import java.util.List;

/** The real kernel side: a {@link TunnelSession} per pass. */
public final class KernelTunnels implements Tunnels {
    private final EventLog log;
    private final boolean readGroupDevices;

    public KernelTunnels(EventLog log) {
        this(log, true);
    }

    private KernelTunnels(EventLog log, boolean readGroupDevices) {
        this.log = log;
        this.readGroupDevices = readGroupDevices;
    }

    /**
     * For `rait down`, which removes every managed interface whatever its configuration: its sessions observe
     * without reading the WireGuard devices of the group (200 device dumps and their parsing spared at 200 tunnels).
     */
    public static KernelTunnels toRemoveAll(EventLog log) {
        return new KernelTunnels(log, false);
    }

    @Override
    public Session openToApply(RaitConfig config) {
        return TunnelSession.openToApply(config, log, readGroupDevices);
    }

    @Override
    public Session openToObserve(RaitConfig config) {
        if (!IsolationScope.targetExists(config.isolation())) return NOTHING_YET;
        return TunnelSession.openToObserve(config, log, readGroupDevices);
    }

    /** The managed interfaces as they are; empty when the target namespace does not exist yet. */
    public static List<ObservedTunnel> list(RaitConfig config, EventLog log) {
        try (Session session = new KernelTunnels(log).openToObserve(config)) {
            return session.observe().managed();
        }
    }

    /** Looking at a target namespace that was never created: nothing is managed there, and nothing is opened. */
    private static final Session NOTHING_YET = new Session() {
        @Override
        public ManagedInterfaces.Observation observe() {
            return new ManagedInterfaces.Observation(List.of(), List.of());
        }

        @Override
        public Recap apply(TunnelPlan plan, Progress progress) {
            throw new IllegalStateException("a session opened to observe cannot apply a plan");
        }

        @Override
        public BabeldStep.Result syncBabeld() {
            return BabeldStep.checkOnly();
        }

        @Override
        public void close() {
        }
    };
}
