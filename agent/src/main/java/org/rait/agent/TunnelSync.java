package org.rait.agent;

import org.rait.config.RaitConfig;
import org.rait.peers.PeerList;
import org.rait.plan.TunnelPlan;

/**
 * The two halves of reconciling the node's tunnels, split so that the removal guard can look at the plan
 * before anything is written. The real one observes the kernel, resolves DNS and runs the reconciler;
 * tests use a fake that records what it was told to apply.
 */
public interface TunnelSync {
    /** Observes the current tunnels, resolves endpoint names afresh and plans; writes nothing. */
    TunnelPlan plan(RaitConfig config, PeerList peers) throws Exception;

    /** Carries the plan out; one interface failing does not stop the others. */
    ApplyRecap apply(RaitConfig config, TunnelPlan plan) throws Exception;
}
