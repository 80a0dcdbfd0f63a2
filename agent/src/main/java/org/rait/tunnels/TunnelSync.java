package org.rait.tunnels;

import org.rait.config.RaitConfig;
import org.rait.peers.PeerList;
import org.rait.plan.TunnelPlan;

/**
 * Reconciling the node's tunnels in two steps, so that the removal guard can look at the plan before anything
 * is written. The real one ({@link KernelTunnels}) observes the kernel, resolves DNS afresh and runs the
 * reconciler; tests use a fake that records what it was told to apply.
 */
public interface TunnelSync {
    /** Observes the current tunnels, resolves endpoint names and plans; writes nothing. */
    Planned plan(RaitConfig config, PeerList peers);

    /** A plan with whatever it needs to be carried out (an open session); closing it releases that. */
    interface Planned extends AutoCloseable {
        TunnelPlan plan();

        /** Carries the plan out; one interface failing does not stop the others. */
        Recap apply();

        @Override
        void close();
    }
}
