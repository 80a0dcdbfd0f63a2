package org.rait.tunnels;

import org.rait.babeld.BabeldStep;
import org.rait.babeld.Timeouts;
import org.rait.config.RaitConfig;
import org.rait.config.Transport;
import org.rait.isolation.IsolationScope;
import org.rait.log.EventLog;
import org.rait.peers.PeerList;
import org.rait.plan.EndpointResolver;
import org.rait.plan.Identity;
import org.rait.plan.ObservedTunnel;
import org.rait.plan.Planner;
import org.rait.plan.ResolvedAddresses;
import org.rait.plan.TunnelChange;
import org.rait.plan.TunnelPlan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One pass, the way `rait up` and the agent loop both run it: resolve endpoints, observe, plan, then
 * apply (or, with check, only report what would change).
 */
public final class Tunnels {
    private Tunnels() {
    }

    /**
     * @param check       plan only; nothing is created, not even the target namespace
     * @param dnsTimeout  deadline for resolving all endpoint names together
     */
    public record Options(boolean check, Duration dnsTimeout, EventLog log, Progress progress) {
        /** Apply (no check), 5 s DNS deadline, no progress display: what the agent loop runs. */
        public static Options defaults(EventLog log) {
            return new Options(false, Duration.ofSeconds(5), log, Progress.none());
        }
    }

    /** Looks at a plan before it is applied; a reason holds it back (nothing is applied, babeld is not told). */
    @FunctionalInterface
    public interface Hold {
        Hold NEVER = plan -> Optional.empty();

        Optional<String> reason(TunnelPlan plan);
    }

    /**
     * What a pass planned and how it ended. In check mode the recap counts what would happen.
     *
     * @param babeld the babeld step run after the tunnels were applied
     * @param held   why the plan was held back and nothing applied; empty when it was not
     */
    public record Outcome(TunnelPlan plan, Recap recap, BabeldStep.Result babeld, Optional<String> held) {
        /** The recap line, with the babeld step's field when a babeld block is configured. */
        public String line() {
            String field = babeld.status().recapField();
            return field.isEmpty() ? recap.line() : recap.line() + " " + field;
        }

        public boolean succeeded() {
            return recap.succeeded() && !babeld.failed();
        }
    }

    public static Outcome sync(RaitConfig config, PeerList peers, Options options) {
        return sync(config, peers, options, Hold.NEVER);
    }

    /**
     * @param hold asked about the plan in the same session that applies it, so under the same run lock: what it
     *             judged is what would be applied (a check run applies nothing and does not ask)
     */
    public static Outcome sync(RaitConfig config, PeerList peers, Options options, Hold hold) {
        warnAboutBindAddr(config, options.log());
        ResolvedAddresses resolved = EndpointResolver.system(options.dnsTimeout()).resolve(config, peers);
        if (options.check() && !IsolationScope.targetExists(config.isolation())) {
            TunnelPlan plan = Planner.plan(config, Identity.of(config.privateKey()), peers, resolved, List.of());
            return finish(plan, predicted(plan), config, options);
        }
        try (TunnelSession session = open(config, options)) {
            TunnelPlan plan = session.plan(peers, resolved);
            if (options.check()) return finish(plan, predicted(plan), config, options);
            Optional<String> held = hold.reason(plan);
            if (held.isPresent()) {
                return new Outcome(plan, new Recap(0, 0, 0, 0, 0, List.of()), BabeldStep.checkOnly(), held);
            }
            return finish(plan, session.apply(plan, options.progress()), config, options);
        }
    }

    /** Removes every managed interface (and, for userspace, its wireguard-go). */
    public static Outcome down(RaitConfig config, Options options) {
        if (!IsolationScope.targetExists(config.isolation())) {
            TunnelPlan nothing = new TunnelPlan(Identity.of(config.privateKey()), List.of(), List.of());
            return finish(nothing, predicted(nothing), config, options);
        }
        try (TunnelSession session = open(config, options)) {
            TunnelPlan plan = session.plan(PeerList.EMPTY, ResolvedAddresses.NONE);
            Recap recap = options.check() ? predicted(plan) : session.apply(plan, options.progress());
            return finish(plan, recap, config, options);
        }
    }

    /** The managed interfaces as they are; empty when the target namespace does not exist yet. */
    public static List<ObservedTunnel> list(RaitConfig config, EventLog log) {
        if (!IsolationScope.targetExists(config.isolation())) return List.of();
        try (TunnelSession session = TunnelSession.openToObserve(config, log)) {
            return session.observe();
        }
    }

    /** A check only looks, so it neither waits for nor blocks a run that applies. */
    private static TunnelSession open(RaitConfig config, Options options) {
        return options.check() ? TunnelSession.openToObserve(config, options.log()) : TunnelSession.openToApply(config, options.log());
    }

    private static Outcome finish(TunnelPlan plan, Recap recap, RaitConfig config, Options options) {
        EventLog log = options.log();
        plan.warnings().forEach(w -> log.write(EventLog.Level.WARN, w.event(), w.fields()));
        log.debug("writes", "count", recap.writes());
        return new Outcome(plan, recap, babeld(config, options), Optional.empty());
    }

    /**
     * babeld follows the tunnels once they are applied (never in check mode: nothing was applied). Every
     * call here starts a run of its own (`rait up`, `rait down`), so babeld is synced even when no
     * interface changed: it may have restarted since. The agent loop runs the step itself, on its terms.
     */
    private static BabeldStep.Result babeld(RaitConfig config, Options options) {
        if (options.check()) return BabeldStep.checkOnly();
        return BabeldStep.atStartOfRun(config, Timeouts.DEFAULT, options.log());
    }

    /** The recap a plan would give if every step succeeded. */
    static Recap predicted(TunnelPlan plan) {
        int removed = plan.of(TunnelChange.Remove.class).size();
        int unchanged = plan.of(TunnelChange.Unchanged.class).size();
        int kept = plan.changes().size() - removed;
        return new Recap(kept, kept - unchanged, 0, removed, 0, List.of());
    }

    private static void warnAboutBindAddr(RaitConfig config, EventLog log) {
        for (Transport t : config.transports()) {
            if (!t.bindAddr().isEmpty()) {
                log.warn("bind_addr_ignored", "transport", t.addressFamily(), "bind_addr", t.bindAddr(),
                        "reason", Transport.BIND_NOTICE);
            }
        }
    }
}
