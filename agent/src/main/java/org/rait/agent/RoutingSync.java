package org.rait.agent;

import org.rait.config.RaitConfig;

/** Tells the routing daemon (babeld) about the managed interfaces after a pass applied its plan. */
@FunctionalInterface
public interface RoutingSync {
    RoutingSync NONE = (config, interfacesChanged) -> { };

    /** Never throws: a routing daemon that lags behind fails its own step, not the pass. */
    void sync(RaitConfig config, boolean interfacesChanged);
}
