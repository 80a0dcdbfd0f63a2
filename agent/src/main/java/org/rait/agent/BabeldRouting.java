package org.rait.agent;

import org.rait.babeld.BabeldStep;
import org.rait.babeld.Timeouts;
import org.rait.config.RaitConfig;
import org.rait.log.EventLog;
import org.rait.peers.PeerList;
import org.rait.tunnels.Recap;

/**
 * babeld sync as a step of the agent's pass: on the first pass (babeld may have restarted while the agent was
 * away), after any pass that changed interfaces, and again after a failed sync until one succeeds.
 */
public final class BabeldRouting implements AfterApply {
    private final EventLog log;
    private boolean due = true;

    public BabeldRouting(EventLog log) {
        this.log = log;
    }

    @Override
    public void run(RaitConfig config, PeerList applied, Recap recap) {
        boolean interfacesChanged = recap.changed() > 0 || recap.removed() > 0 || recap.failed() > 0;
        BabeldStep.Result result = BabeldStep.afterPass(config, interfacesChanged, due, Timeouts.DEFAULT, log);
        due = result.failed();
    }
}
