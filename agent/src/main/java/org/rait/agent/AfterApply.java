package org.rait.agent;

import org.rait.config.RaitConfig;
import org.rait.peers.PeerList;
import org.rait.tunnels.Recap;

/**
 * A step that runs after a pass applied its plan, like an Ansible handler: babeld sync, endpoint publishing.
 * Never throws: a step that fails logs why and tries again at a later pass; it never fails the pass.
 */
@FunctionalInterface
public interface AfterApply {
    /**
     * @param applied the peer list the tunnels were just reconciled to
     * @param recap   what the reconciler did
     */
    void run(RaitConfig config, PeerList applied, Recap recap);
}
