package org.rait.agent;

import org.rait.config.RaitConfig;
import org.rait.plan.TunnelPlan;

/** Tells the routing daemon (babeld) about the managed interfaces after a pass applied its plan. */
@FunctionalInterface
public interface RoutingSync {
    RoutingSync NONE = (config, plan) -> { };

    void sync(RaitConfig config, TunnelPlan plan) throws Exception;
}
