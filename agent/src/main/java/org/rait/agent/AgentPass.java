package org.rait.agent;

import org.rait.config.RaitConfig;
import org.rait.log.EventLog;
import org.rait.metrics.AgentMetrics;
import org.rait.peers.PeerList;
import org.rait.plan.RemovalGuard;
import org.rait.plan.TunnelPlan;
import org.rait.state.CachedSnapshot;
import org.rait.state.StateDirectory;
import org.rait.state.StateException;
import org.rait.trust.RefusalReason;
import org.rait.trust.SnapshotRefused;
import org.rait.trust.TrustPolicy;
import org.rait.trust.TrustedSnapshot;
import org.rait.tunnels.Recap;
import org.rait.tunnels.TunnelSync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One pass of the agent (design.md section 6): fetch, verify, parse, plan, guard, apply, babeld sync, record.
 *
 * <p>Fail static: without a fresh trusted snapshot, the pass reconciles to the last one it applied (so that
 * drift is repaired and DNS names follow their addresses) and never to nothing: with no snapshot at all it
 * does not touch the tunnels. Not thread-safe; the loop runs passes one at a time.
 */
public final class AgentPass {
    private final RaitConfig config;
    private final PeerSource source;
    private final PeerListParser parser;
    private final TunnelSync tunnels;
    private final List<AfterApply> afterApply;
    private final RemovalGuard guard;
    private final StateDirectory state;
    private final AgentMetrics metrics;
    private final EventLog log;
    private final Clock clock;

    /** The snapshot the tunnels were last reconciled to, and its peers. */
    private record Current(TrustedSnapshot snapshot, PeerList peers, Instant acceptedAt) {
    }

    /** Written by the passes, read by {@link #fetch()} for the ETag, possibly on the loop's fetch thread. */
    private volatile Optional<Current> current = Optional.empty();
    /** How the previous pass ended; the state file is written only when this changes. */
    private String lastEnding = "";
    /** The send_port conflicts recorded last; the state file is written only when they change. */
    private List<String> lastConflicts = List.of();

    public AgentPass(RaitConfig config, PeerSource source, PeerListParser parser, TunnelSync tunnels, List<AfterApply> afterApply,
                     StateDirectory state, AgentMetrics metrics, EventLog log, Clock clock) {
        this.config = config;
        this.source = source;
        this.parser = parser;
        this.tunnels = tunnels;
        this.afterApply = List.copyOf(afterApply);
        this.guard = new RemovalGuard(config.agent().maxRemovalShare());
        this.state = state;
        this.metrics = metrics;
        this.log = log;
        this.clock = clock;
    }

    /**
     * At start, before asking the registry anything: re-admit the cached snapshot and apply it, so that a node
     * restarted while the registry is down comes up on what it had.
     */
    public PassReport startFromCache(TrustPolicy trust) {
        return counted(readmitCache(trust));
    }

    /** @param force apply even a plan the removal guard would hold back (`rait up --force`) */
    public PassReport run(boolean force) {
        return counted(reconcileFetched(fetch(), force));
    }

    /**
     * Only the network part of a pass: asks the source for news, changing nothing. Safe to run on another
     * thread than the passes (the loop does, so that a hanging registry never delays a repair).
     */
    public SourceOutcome fetch() {
        if (source.unverifiedRemote()) {
            log.warn("unverified_source", "source", source.location(),
                    "reason", "verify = false: the peer list is applied without checking its signature");
        }
        long started = System.nanoTime();
        try {
            return source.obtain(current.flatMap(c -> c.snapshot().etag()), state.highestSerial());
        } finally {
            metrics.phase("fetch", seconds(started));
        }
    }

    /** The rest of a pass, with what {@link #fetch()} brought. */
    public PassReport apply(SourceOutcome outcome, boolean force) {
        return counted(reconcileFetched(outcome, force));
    }

    /**
     * Puts the tunnels back to the current snapshot without asking the source: what a link event (an interface
     * changed or deleted by hand) triggers. Does nothing before the first snapshot.
     */
    public PassReport repair() {
        return counted(reconcile("drift", Optional.empty(), false, Optional.empty()));
    }

    /** The peers of the snapshot the tunnels follow; empty before the first one. */
    public PeerList appliedPeers() {
        return current.map(Current::peers).orElse(PeerList.EMPTY);
    }

    /** Serial of the snapshot the tunnels follow; empty before the first one, or when it is unsigned. */
    public OptionalLong appliedSerial() {
        return current.map(c -> c.snapshot().serial()).orElse(OptionalLong.empty());
    }

    /** Counts the pass and, when it ended differently from the one before, records that for `rait status`. */
    private PassReport counted(PassReport report) {
        metrics.pass(report.news(), report.action());
        String ending = report.news() + "/" + report.action() + "/" + report.detail();
        if (!ending.equals(lastEnding)) {
            try {
                state.recordPass(new StateDirectory.PassRecord(clock.instant(), report.news(), report.action(), report.detail()));
                lastEnding = ending;
            } catch (StateException e) {
                log.warn("state_not_recorded", "reason", "rait status will not show this pass", "detail", e.getMessage());
            }
        }
        return report;
    }

    private PassReport readmitCache(TrustPolicy trust) {
        Optional<CachedSnapshot> cached = state.snapshot();
        if (cached.isEmpty()) {
            log.info("cache", "result", "empty", "dir", state.path());
            return new PassReport("none", "nothing", "no cached snapshot", Optional.empty(), Optional.empty());
        }
        TrustedSnapshot snapshot;
        try {
            snapshot = trust.readmit(cached.get());
        } catch (SnapshotRefused e) {
            return refused(new SourceOutcome.Refused(e.reason(), e.getMessage()), "cache");
        }
        Optional<PeerList> peers = parse(snapshot, "cache");
        if (peers.isEmpty()) {
            return new PassReport("cache", "nothing", "cached snapshot does not parse", Optional.empty(), Optional.empty());
        }
        Current candidate = new Current(snapshot, peers.get(), cached.get().acceptedAt());
        log.info("cache", "result", "readmitted", "serial", serial(snapshot), "accepted_at", candidate.acceptedAt());
        return reconcile("cache", Optional.of(candidate), false, Optional.empty());
    }

    private PassReport reconcileFetched(SourceOutcome outcome, boolean force) {
        if (outcome instanceof SourceOutcome.Fresh fresh) {
            TrustedSnapshot snapshot = fresh.snapshot();
            if (current.isPresent() && sameSnapshot(current.get().snapshot(), snapshot)) {
                return reconcile("unchanged", Optional.empty(), force, Optional.empty());
            }
            Optional<PeerList> peers = parse(snapshot, "fresh");
            if (peers.isEmpty()) {
                return reconcile("refused", Optional.empty(), force, Optional.empty());
            }
            snapshot.serial().ifPresent(state::recordSerial);
            log.info("fetch", "result", "fresh", "source", snapshot.source(), "serial", serial(snapshot),
                    "peers", peers.get().peers().size());
            return reconcile("fresh", Optional.of(new Current(snapshot, peers.get(), clock.instant())), force, Optional.empty());
        }
        if (outcome instanceof SourceOutcome.Unchanged) {
            log.info("fetch", "result", "unchanged", "source", source.location());
            return reconcile("unchanged", Optional.empty(), force, Optional.empty());
        }
        if (outcome instanceof SourceOutcome.Unreachable u) {
            log.warn("fetch", "result", "unreachable", "failure", u.failure(), "detail", u.message(), "keeping", keeping());
            return reconcile("unreachable", Optional.empty(), force, u.retryAfter());
        }
        SourceOutcome.Refused r = (SourceOutcome.Refused) outcome;
        refused(r, "fresh");
        return reconcile("refused", Optional.empty(), force, Optional.empty());
    }

    private PassReport refused(SourceOutcome.Refused r, String stage) {
        metrics.refusal(r.reason());
        log.warn("refused", "stage", stage, "reason", r.reason(), "detail", r.message(), "keeping", keeping());
        return new PassReport("refused", "nothing", r.message(), Optional.empty(), Optional.empty());
    }

    /**
     * Plans towards the candidate (a new snapshot) or, without one, the current snapshot; guards; applies.
     * A held or failed candidate leaves both the tunnels and the current snapshot as they were.
     */
    private PassReport reconcile(String news, Optional<Current> candidate, boolean force, Optional<Duration> retryAfter) {
        Optional<Current> target = candidate.isPresent() ? candidate : current;
        if (target.isEmpty()) {
            log.info("pass", "news", news, "action", "nothing", "reason", "no verified snapshot yet; tunnels left as they are");
            return new PassReport(news, "nothing", "no verified snapshot yet", Optional.empty(), retryAfter);
        }
        TunnelSync.Planned planned;
        long planStarted = System.nanoTime();
        try {
            planned = tunnels.plan(config, target.get().peers());
        } catch (RuntimeException e) {
            return failed(news, "plan", e, retryAfter);
        } finally {
            metrics.phase("plan", seconds(planStarted));
        }
        try (planned) {
            return guardAndApply(news, planned, target.get(), candidate, force, retryAfter);
        }
    }

    private PassReport guardAndApply(String news, TunnelSync.Planned planned, Current target, Optional<Current> candidate,
                                     boolean force, Optional<Duration> retryAfter) {
        TunnelPlan plan = planned.plan();
        plan.warnings().forEach(w -> log.write(EventLog.Level.WARN, w.event(), w.fields()));
        recordConflicts(plan);
        RemovalGuard.Verdict verdict = guard.check(plan);
        if (verdict.held() && !force) {
            log.warn("held", "news", news, "serial", serial(target.snapshot()), "detail", verdict.describe(),
                    "hint", "rait up --force applies it");
            return new PassReport(news, "held", verdict.describe(), Optional.empty(), retryAfter);
        }
        if (candidate.isPresent()) {
            adopt(candidate.get());
        }
        long started = System.nanoTime();
        Recap recap;
        try {
            recap = planned.apply();
        } catch (RuntimeException e) {
            return failed(news, "apply", e, retryAfter);
        } finally {
            metrics.applyDuration(seconds(started));
        }
        recap.failures().forEach(f -> log.error("tunnel_failed", "detail", f));
        metrics.tunnels(Map.of("ok", (long) recap.ok(), "changed", (long) recap.changed(), "failed", (long) recap.failed()));
        long afterStarted = System.nanoTime();
        afterApply.forEach(step -> step.run(config, target.peers(), recap));
        metrics.phase("after_apply", seconds(afterStarted));
        log.info("recap", "news", news, "serial", serial(target.snapshot()), "ok", recap.ok(), "changed", recap.changed(),
                "failed", recap.failed(), "removed", recap.removed());
        return new PassReport(news, "applied", "", Optional.of(recap), retryAfter);
    }

    /** Counts and records the plan's send_port conflicts for `rait status` and the metrics, when they changed. */
    private void recordConflicts(TunnelPlan plan) {
        List<String> conflicts = plan.sendPortConflicts().stream().map(c -> c.text()).toList();
        metrics.sendPortConflicts(conflicts.size());
        if (conflicts.equals(lastConflicts)) return;
        try {
            state.recordConflicts(conflicts);
            lastConflicts = conflicts;
        } catch (StateException e) {
            log.warn("state_not_recorded", "reason", "rait status will not show the send_port conflicts", "detail", e.getMessage());
        }
    }

    /** When the loop fetches next, and why then: for `rait status` and the metrics. */
    public void nextFetch(Instant at, String reason) {
        metrics.nextFetch(at.getEpochSecond());
        try {
            state.recordNextFetch(new StateDirectory.NextFetch(at, reason));
        } catch (StateException e) {
            log.warn("state_not_recorded", "reason", "rait status will not show the next fetch", "detail", e.getMessage());
        }
    }

    /** Remembers the candidate as the current snapshot, on disk first so that a restart comes back to it. */
    private void adopt(Current candidate) {
        TrustedSnapshot s = candidate.snapshot();
        if (current.isEmpty() || !sameSnapshot(current.get().snapshot(), s)) {
            state.storeSnapshot(new CachedSnapshot(s.source(), s.body(), s.signature(), s.etag(), candidate.acceptedAt()));
        }
        current = Optional.of(candidate);
        metrics.snapshot(s, candidate.acceptedAt());
    }

    private Optional<PeerList> parse(TrustedSnapshot snapshot, String stage) {
        try {
            return Optional.of(parser.parse(snapshot.body(), snapshot.source()));
        } catch (Exception e) {
            refused(new SourceOutcome.Refused(RefusalReason.UNPARSABLE, e.getMessage()), stage);
            return Optional.empty();
        }
    }

    private PassReport failed(String news, String step, Exception e, Optional<Duration> retryAfter) {
        log.error("pass_failed", "news", news, "step", step, "detail", String.valueOf(e.getMessage()));
        return new PassReport(news, "failed", step + ": " + e.getMessage(), Optional.empty(), retryAfter);
    }

    private String keeping() {
        return current.map(c -> "serial " + serial(c.snapshot())).orElse("tunnels as they are");
    }

    private static String serial(TrustedSnapshot s) {
        OptionalLong serial = s.serial();
        return serial.isPresent() ? Long.toString(serial.getAsLong()) : "unsigned";
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static boolean sameSnapshot(TrustedSnapshot a, TrustedSnapshot b) {
        return Arrays.equals(a.body(), b.body()) && a.signature().equals(b.signature());
    }
}
