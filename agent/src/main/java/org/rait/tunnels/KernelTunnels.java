package org.rait.tunnels;

import org.rait.config.RaitConfig;
import org.rait.log.EventLog;
import org.rait.peers.PeerList;
import org.rait.plan.EndpointResolver;
import org.rait.plan.TunnelPlan;

import java.time.Duration;

/**
 * The real tunnels: a {@link TunnelSession} per pass, holding the run lock from planning until the plan is closed,
 * endpoint names resolved again every time (dynamic DNS).
 */
public final class KernelTunnels implements TunnelSync {
    private final EventLog log;
    private final Duration dnsTimeout;

    public KernelTunnels(EventLog log, Duration dnsTimeout) {
        this.log = log;
        this.dnsTimeout = dnsTimeout;
    }

    @Override
    public Planned plan(RaitConfig config, PeerList peers) {
        var resolved = EndpointResolver.system(dnsTimeout).resolve(config, peers);
        TunnelSession session = TunnelSession.openToApply(config, log);
        try {
            TunnelPlan plan = session.plan(peers, resolved);
            return new Planned() {
                @Override
                public TunnelPlan plan() {
                    return plan;
                }

                @Override
                public Recap apply() {
                    return session.apply(plan, Progress.none());
                }

                @Override
                public void close() {
                    session.close();
                }
            };
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }
}
