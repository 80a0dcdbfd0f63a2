package org.rait.tunnels;

import org.rait.babeld.BabeldStep;
import org.rait.config.RaitConfig;
import org.rait.plan.ObservedTunnel;
import org.rait.plan.TunnelPlan;
import org.rait.wireguard.DeviceState;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kernel side of a pass: what it observes and what it writes. {@link KernelTunnels} is the real one; unit tests
 * put a fake here, and everything above it (planning, the guard, the state directory) stays the production code.
 */
public interface Tunnels {
    /**
     * Takes the node's run lock (waiting for another run), then opens the isolation, creating the target namespace
     * when missing, and the backend.
     */
    Session openToApply(RaitConfig config);

    /** Opens for looking only: no lock, nothing created; a target namespace that does not exist holds nothing. */
    Session openToObserve(RaitConfig config);

    /** The kernel side held open for one pass; closing it releases the run lock. */
    interface Session extends AutoCloseable {
        /** The target namespace as it is now: the managed interfaces, and the other links (namesakes are among them). */
        ManagedInterfaces.Observation observe();

        /**
         * The same with one link dump and one address dump, reading the WireGuard devices only of the links whose index
         * is not in {@code knownDevices}: what the agent reads when only some links have news.
         */
        default ManagedInterfaces.Observation observe(Map<Integer, Optional<DeviceState>> knownDevices) {
            return observe();
        }

        /**
         * What the agent reads back after its own apply: the interfaces of {@code names} (those its plan touched) read
         * again, everything else taken from {@code before}, the observation it planned from.
         */
        default ManagedInterfaces.Observation observeAgain(ManagedInterfaces.Observation before, Set<String> names) {
            Map<Integer, Optional<DeviceState>> devices = before.devices();
            for (ObservedTunnel t : before.managed()) if (names.contains(t.ifname())) devices.remove(t.link().index());
            return observe(devices);
        }

        /** Where the last {@link #observe()} came from, when the session knows more than the kernel's answer. */
        default Optional<KnownState.Reading> reading() {
            return Optional.empty();
        }

        /** Carries the plan out; one interface failing does not stop the others. Only for a session opened to apply. */
        Recap apply(TunnelPlan plan, Progress progress);

        /** Brings babeld in line with the managed interfaces, read over this session's netlink socket. Never throws. */
        BabeldStep.Result syncBabeld();

        @Override
        void close();
    }
}
