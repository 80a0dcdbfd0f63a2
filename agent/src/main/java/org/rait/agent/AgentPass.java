package org.rait.agent;

import org.rait.babeld.BabeldStep;
import org.rait.config.RaitConfig;
import org.rait.config.Transport;
import org.rait.log.EventLog;
import org.rait.metrics.PassMetrics;
import org.rait.netlink.KernelRequests;
import org.rait.netlink.LinkEvent;
import org.rait.peers.PeerList;
import org.rait.plan.EndpointResolver;
import org.rait.plan.Identity;
import org.rait.plan.PlanWarning;
import org.rait.plan.Planner;
import org.rait.plan.RemovalGuard;
import org.rait.plan.ResolvedAddresses;
import org.rait.plan.TunnelPlan;
import org.rait.state.CachedSnapshot;
import org.rait.state.StateDirectory;
import org.rait.state.StateException;
import org.rait.trust.RefusalReason;
import org.rait.trust.SnapshotRefused;
import org.rait.trust.TrustPolicy;
import org.rait.trust.TrustedSnapshot;
import org.rait.tunnels.KnownState;
import org.rait.tunnels.KnownTunnels;
import org.rait.tunnels.ManagedInterfaces;
import org.rait.tunnels.Progress;
import org.rait.tunnels.Recap;
import org.rait.tunnels.Tunnels;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The pass, the one every command runs: `rait up` (and `--check`), `rait agent` (and `--once`), `rait down`. In this
 * order: source and verify ({@link #fetch}), parse ({@link #reconcileFetched}), then resolve, observe, plan, guard, apply, babeld and
 * record ({@link #reconcile}).
 *
 * <p>Fail static: without a fresh trusted snapshot, the pass reconciles to the last one it applied (so that drift is
 * repaired and DNS names follow their addresses) and never to nothing: with no snapshot at all it does not touch the
 * tunnels. A check runs the same steps and writes nothing: no kernel write, no state file, no run lock, no namespace.
 * Not thread-safe; the loop runs passes one at a time.
 */
public final class AgentPass {
    /** Whether a pass carries its plan out or only shows it. */
    public enum Mode { APPLY, CHECK }

    private final RaitConfig config;
    private final Identity identity;
    private final PeerSource source;
    private final PeerListParser parser;
    private final EndpointResolver resolver;
    private final Tunnels tunnels;
    private final List<AfterApply> afterApply;
    private final RemovalGuard guard;
    /** Only for a remote peer list: the verified snapshot and the rollback floor. A local file is its own record. */
    private final Optional<StateDirectory> state;
    private final PassMetrics metrics;
    private final EventLog log;
    private final Clock clock;
    private final Progress progress;
    /** For the running agent: what it knows of the kernel between passes, kept current by link events. */
    private final Optional<KnownState> known;

    /** The snapshot the tunnels were last reconciled to, and its peers. */
    private record Current(TrustedSnapshot snapshot, PeerList peers, Instant acceptedAt) {
    }

    /** Written by the passes, read by {@link #fetch()} for the ETag, possibly on the loop's fetch thread. */
    private volatile Optional<Current> current = Optional.empty();
    /** How the previous pass ended; the state file is written only when this changes. */
    private String lastEnding = "";
    /** Until the first pass: what rait.conf asks for that cannot be had is said once per run. */
    private boolean firstPass = true;
    /** babeld is synced at the first pass (it may have restarted meanwhile), after changes and after a failed sync. */
    private boolean babeldDue = true;
    /** The send_port conflicts recorded last; the state file is written only when they change. */
    private List<String> lastConflicts = List.of();

    public AgentPass(RaitConfig config, PeerSource source, PeerListParser parser, EndpointResolver resolver, Tunnels tunnels,
                     List<AfterApply> afterApply, Optional<StateDirectory> state, PassMetrics metrics, EventLog log,
                     Clock clock, Progress progress, Optional<KnownState> known) {
        this.config = config;
        this.identity = Identity.of(config.privateKey());
        this.source = source;
        this.parser = parser;
        this.resolver = resolver;
        this.tunnels = known.isPresent() ? new KnownTunnels(tunnels, known.get()) : tunnels;
        this.known = known;
        this.afterApply = List.copyOf(afterApply);
        this.guard = new RemovalGuard(config.agent().maxRemovalShare());
        this.state = state;
        this.metrics = metrics;
        this.log = log;
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * At the start of the agent, before asking the registry anything: re-admit the cached snapshot and apply it, so that
     * a node restarted while the registry is down comes up on what it had.
     */
    public PassReport startFromCache(TrustPolicy trust) {
        CacheRead read = readmitCache(trust);
        if (read.snapshot().isEmpty()) return counted(nothing(read.news(), read.detail(), Optional.empty()));
        return counted(reconcile(PassReport.News.CACHE, read.snapshot(), Mode.APPLY, false, Optional.empty(), new PassTimes(null)));
    }

    /**
     * For a single run (`rait up`, `rait agent --once`, a check): the cached snapshot becomes what the pass holds, without
     * being applied; the fetch that follows decides what is.
     */
    public void holdCache(TrustPolicy trust) {
        Optional<Current> cached = readmitCache(trust).snapshot();
        if (cached.isPresent()) current = cached;
    }

    /** @param force apply even a plan the removal guard would hold back (`rait up --force`) */
    public PassReport run(boolean force) {
        return apply(fetch(), force);
    }

    /** The same pass as {@link #run}, planned and shown, not applied; not recorded either. */
    public PassReport check(boolean force) {
        Fetched fetched = fetch();
        return reconcileFetched(fetched.outcome(), Mode.CHECK, force, new PassTimes(fetched));
    }

    /**
     * source and verify, the network part of a pass: asks the source for news (a remote source admits a snapshot only
     * through the trust policy: keys, floor, expiry), changing nothing. Safe to run on another thread than the passes
     * (the loop does, so that a hanging registry never delays a repair).
     */
    public Fetched fetch() {
        if (source.unverifiedRemote()) {
            log.warn("unverified_source", "source", source.location(),
                    "reason", "verify = false: the peer list is applied without checking its signature");
        }
        OptionalLong floor = state.isPresent() ? state.get().highestSerial() : OptionalLong.empty();
        long started = System.nanoTime();
        SourceOutcome outcome = source.obtain(current.isPresent() ? current.get().snapshot().etag() : Optional.empty(), floor);
        return new Fetched(outcome, System.nanoTime() - started);
    }

    /** What {@link #fetch()} brought, and how long asking (and verifying) took. */
    public record Fetched(SourceOutcome outcome, long nanos) {
    }

    /** The rest of a pass, with what {@link #fetch()} brought. */
    public PassReport apply(Fetched fetched, boolean force) {
        return counted(reconcileFetched(fetched.outcome(), Mode.APPLY, force, new PassTimes(fetched)));
    }

    /**
     * Puts the tunnels back to the current snapshot without asking the source: what a link event (an interface changed or
     * deleted by hand) triggers. Does nothing before the first snapshot.
     */
    public PassReport repair() {
        return counted(reconcile(PassReport.News.DRIFT, Optional.empty(), Mode.APPLY, false, Optional.empty(), new PassTimes(null)));
    }

    /** A link event of the target namespace, for what the running agent knows. */
    public void heard(LinkEvent event) {
        if (known.isPresent()) known.get().heard(event);
    }

    /** Whether link events of the target namespace reach {@link #heard}; without them every pass reads the kernel. */
    public void listening(boolean on) {
        if (known.isPresent()) known.get().listening(on);
    }

    /** A link changed and nothing says how: the next pass reads everything again. */
    public void forgetObservation() {
        if (known.isPresent()) known.get().forget();
    }

    /**
     * Whether the kernel may differ from what the pass last saw: false only when every link event since then agrees
     * with it (the agent's own writes), so that a repair pass would find nothing. Always true for a one-shot run.
     */
    public boolean drifted() {
        return known.isEmpty() || known.get().news();
    }

    /** `rait down`: the same pass towards no peers at all, unguarded (removing everything is what was asked for). */
    public PassReport down(Mode mode) {
        return tunnelsTo(PassReport.News.DOWN, PeerList.EMPTY, "none", mode, true, Optional.empty(), Optional.empty(),
                new PassTimes(null));
    }

    /** What the source said, then parse: a fresh snapshot is the candidate, anything else keeps the current one. */
    private PassReport reconcileFetched(SourceOutcome outcome, Mode mode, boolean force, PassTimes times) {
        if (outcome instanceof SourceOutcome.Unchanged) {
            log.info("fetch", "result", "unchanged", "source", source.location());
            return reconcile(PassReport.News.UNCHANGED, Optional.empty(), mode, force, Optional.empty(), times);
        }
        if (outcome instanceof SourceOutcome.Unreachable u) {
            log.warn("fetch", "result", "unreachable", "failure", u.failure(), "detail", u.message(), "keeping", keeping());
            return reconcile(PassReport.News.UNREACHABLE, Optional.empty(), mode, force, u.retryAfter(), times);
        }
        if (outcome instanceof SourceOutcome.Refused r) {
            refused(r, "fresh");
            return reconcile(PassReport.News.REFUSED, Optional.empty(), mode, force, Optional.empty(), times);
        }
        TrustedSnapshot snapshot = ((SourceOutcome.Fresh) outcome).snapshot();
        if (current.isPresent() && sameSnapshot(current.get().snapshot(), snapshot)) {
            return reconcile(PassReport.News.UNCHANGED, Optional.empty(), mode, force, Optional.empty(), times);
        }
        // parse
        long parseStarted = System.nanoTime();
        Optional<PeerList> peers = parse(snapshot, "fresh");
        times.since("parse", parseStarted);
        if (peers.isEmpty()) {
            return reconcile(PassReport.News.REFUSED, Optional.empty(), mode, force, Optional.empty(), times);
        }
        // A verified serial raises the floor even when its plan is held back: it may not come back later.
        if (mode == Mode.APPLY && snapshot.serial().isPresent() && state.isPresent()) state.get().recordSerial(snapshot.serial().getAsLong());
        log.info("fetch", "result", "fresh", "source", snapshot.source(), "serial", serial(snapshot),
                "peers", peers.get().peers().size());
        Current candidate = new Current(snapshot, peers.get(), clock.instant());
        return reconcile(PassReport.News.FRESH, Optional.of(candidate), mode, force, Optional.empty(), times);
    }

    /**
     * Plans towards the candidate (a new snapshot) or, without one, the current snapshot. A held or failed candidate
     * leaves both the tunnels and the current snapshot as they were.
     */
    private PassReport reconcile(PassReport.News news, Optional<Current> candidate, Mode mode, boolean force,
                                 Optional<Duration> retryAfter, PassTimes times) {
        warnOnceAboutWhatCannotBeHad();
        Optional<Current> target = candidate.isPresent() ? candidate : current;
        if (target.isEmpty()) {
            log.info("pass", times.fields("news", news.label(), "action", "nothing", "reason",
                    "no verified snapshot yet; tunnels left as they are"));
            times.record(metrics);
            return nothing(news, "no verified snapshot yet", retryAfter);
        }
        return tunnelsTo(news, target.get().peers(), serial(target.get().snapshot()), mode, force, candidate, retryAfter, times);
    }

    /**
     * resolve, observe, plan, guard, apply, babeld: the tunnels made to match {@code peers}. The pass ends with one line
     * (recap, held, or pass_failed) that carries its duration, its phases and the kernel requests it made.
     */
    private PassReport tunnelsTo(PassReport.News news, PeerList peers, String serial, Mode mode, boolean force,
                                 Optional<Current> candidate, Optional<Duration> retryAfter, PassTimes times) {
        String step = "resolve";
        long requestsBefore = KernelRequests.byThisThread();
        String reading = "";
        try {
            // resolve: endpoint names afresh at every pass (dynamic DNS)
            long started = System.nanoTime();
            ResolvedAddresses resolved = news == PassReport.News.DOWN ? ResolvedAddresses.NONE : resolver.resolve(config, peers);
            times.since("resolve", started);
            step = "observe";
            try (Tunnels.Session session = mode == Mode.APPLY ? tunnels.openToApply(config) : tunnels.openToObserve(config)) {
                // observe and plan, under the run lock when applying, so that what was seen is still true when applied
                // (the running agent plans from what it knows, and takes the lock when there is something to write)
                started = System.nanoTime();
                ManagedInterfaces.Observation seen = session.observe();
                times.since("observe", started);
                reading = session.reading().orElse(KnownState.Reading.FULL).label();
                step = "plan";
                started = System.nanoTime();
                TunnelPlan plan = Planner.plan(config, identity, peers, resolved, seen.managed(), seen.others());
                times.since("plan", started);
                for (PlanWarning w : plan.warnings()) log.write(EventLog.Level.WARN, w.event(), w.fields());
                if (mode == Mode.APPLY) recordConflicts(plan);
                // guard
                RemovalGuard.Verdict verdict = guard.check(plan);
                if (verdict.held() && !force) {
                    log.warn("held", ended(times, requestsBefore, reading, "news", news.label(), "serial", serial,
                            "detail", verdict.describe(), "hint", "rait up --force applies it"));
                    return report(news, PassReport.Action.HELD, verdict.describe(), plan, Optional.empty(), BabeldStep.checkOnly(), retryAfter);
                }
                if (mode == Mode.CHECK) {
                    log.debug("writes", "count", 0);
                    return report(news, PassReport.Action.CHECKED, "", plan, Optional.of(Recap.predicted(plan)), BabeldStep.checkOnly(), retryAfter);
                }
                // record the snapshot before applying it, so that a restart comes back to it
                if (candidate.isPresent()) adopt(candidate.get());
                // apply
                step = "apply";
                started = System.nanoTime();
                Recap recap = apply(session, plan);
                times.since("apply", started);
                // babeld, then the other after-apply steps (endpoint publishing)
                step = "babeld";
                started = System.nanoTime();
                BabeldStep.Result babeld = babeld(session, recap);
                times.since("babeld", started);
                started = System.nanoTime();
                for (AfterApply s : afterApply) s.run(config, peers, recap);
                times.since("after_apply", started);
                log.info("recap", ended(times, requestsBefore, reading, "news", news.label(), "serial", serial, "ok", recap.ok(),
                        "changed", recap.changed(), "failed", recap.failed(), "removed", recap.removed()));
                log.debug("writes", "count", recap.writes());
                return report(news, PassReport.Action.APPLIED, "", plan, Optional.of(recap), babeld, retryAfter);
            }
        } catch (RuntimeException e) {
            log.error("pass_failed", ended(times, requestsBefore, reading, "news", news.label(), "step", step,
                    "detail", String.valueOf(e.getMessage())));
            return new PassReport(news, PassReport.Action.FAILED, step + ": " + e.getMessage(), Optional.empty(),
                    Optional.empty(), BabeldStep.checkOnly(), retryAfter);
        }
    }

    /** The fields of a pass's last line, its times recorded in the metrics. */
    private Object[] ended(PassTimes times, long requestsBefore, String reading, Object... fields) {
        times.record(metrics);
        List<Object> all = new java.util.ArrayList<>(Arrays.asList(fields));
        if (!reading.isEmpty()) {
            all.add("observed");
            all.add(reading);
        }
        all.add("kernel_requests");
        all.add(KernelRequests.byThisThread() - requestsBefore);
        return times.fields(all.toArray());
    }

    private Recap apply(Tunnels.Session session, TunnelPlan plan) {
        Recap recap = session.apply(plan, progress);
        for (String f : recap.failures()) log.error("tunnel_failed", "detail", f);
        metrics.tunnels(Map.of("ok", (long) recap.ok(), "changed", (long) recap.changed(), "failed", (long) recap.failed()));
        return recap;
    }

    private BabeldStep.Result babeld(Tunnels.Session session, Recap recap) {
        if (config.babeld().isEmpty()) return BabeldStep.notConfigured();
        boolean interfacesChanged = recap.changed() > 0 || recap.removed() > 0 || recap.failed() > 0;
        if (!babeldDue && !interfacesChanged) return BabeldStep.skipped();
        BabeldStep.Result result = session.syncBabeld();
        babeldDue = result.failed();
        return result;
    }

    /** The peers of the snapshot the tunnels follow; empty before the first one. */
    public PeerList appliedPeers() {
        return current.isPresent() ? current.get().peers() : PeerList.EMPTY;
    }

    /** Serial of the snapshot the tunnels follow; empty before the first one, or when it is unsigned. */
    public OptionalLong appliedSerial() {
        return current.isPresent() ? current.get().snapshot().serial() : OptionalLong.empty();
    }

    /** Counts the pass and, when it ended differently from the one before, records that for `rait status`. */
    private PassReport counted(PassReport report) {
        metrics.pass(report.news().label(), report.action().label());
        String ending = report.news() + "/" + report.action() + "/" + report.detail();
        if (state.isPresent() && !ending.equals(lastEnding)) {
            try {
                state.get().recordPass(new StateDirectory.PassRecord(clock.instant(), report.news().label(),
                        report.action().label(), report.detail()));
                lastEnding = ending;
            } catch (StateException e) {
                log.warn("state_not_recorded", "reason", "rait status will not show this pass", "detail", e.getMessage());
            }
        }
        return report;
    }

    /** The cached snapshot as the trust policy re-admits it; or, when there is none to use, why. */
    private record CacheRead(Optional<Current> snapshot, PassReport.News news, String detail) {
    }

    private CacheRead readmitCache(TrustPolicy trust) {
        Optional<CachedSnapshot> cached = state.isPresent() ? state.get().snapshot() : Optional.empty();
        if (cached.isEmpty()) {
            if (state.isPresent()) log.info("cache", "result", "empty", "dir", state.get().path());
            return new CacheRead(Optional.empty(), PassReport.News.NONE, "no cached snapshot");
        }
        TrustedSnapshot snapshot;
        try {
            snapshot = trust.readmit(cached.get());
        } catch (SnapshotRefused e) {
            refused(new SourceOutcome.Refused(e.reason(), e.getMessage()), "cache");
            return new CacheRead(Optional.empty(), PassReport.News.REFUSED, e.getMessage());
        }
        Optional<PeerList> peers = parse(snapshot, "cache");
        if (peers.isEmpty()) return new CacheRead(Optional.empty(), PassReport.News.CACHE, "cached snapshot does not parse");
        Current readmitted = new Current(snapshot, peers.get(), cached.get().acceptedAt());
        log.info("cache", "result", "readmitted", "serial", serial(snapshot), "accepted_at", readmitted.acceptedAt());
        return new CacheRead(Optional.of(readmitted), PassReport.News.CACHE, "");
    }

    private void refused(SourceOutcome.Refused r, String stage) {
        metrics.refusal(r.reason());
        log.warn("refused", "stage", stage, "reason", r.reason(), "detail", r.message(), "keeping", keeping());
    }

    /** Counts and records the plan's send_port conflicts for `rait status` and the metrics, when they changed. */
    private void recordConflicts(TunnelPlan plan) {
        // a loop, not a stream: every applying pass of a one-shot command runs this, interpreted
        List<String> texts = new ArrayList<>();
        for (PlanWarning.SendPortConflict c : plan.sendPortConflicts()) texts.add(c.text());
        List<String> conflicts = List.copyOf(texts);
        metrics.sendPortConflicts(conflicts.size());
        if (conflicts.equals(lastConflicts)) return;
        try {
            if (state.isPresent()) state.get().recordConflicts(conflicts);
            lastConflicts = conflicts;
        } catch (StateException e) {
            log.warn("state_not_recorded", "reason", "rait status will not show the send_port conflicts", "detail", e.getMessage());
        }
    }

    /** When the loop fetches next, and why then: for `rait status` and the metrics. */
    public void nextFetch(Instant at, String reason) {
        metrics.nextFetch(at.getEpochSecond());
        try {
            if (state.isPresent()) state.get().recordNextFetch(new StateDirectory.NextFetch(at, reason));
        } catch (StateException e) {
            log.warn("state_not_recorded", "reason", "rait status will not show the next fetch", "detail", e.getMessage());
        }
    }

    /** Remembers the candidate as the current snapshot, on disk first so that a restart comes back to it. */
    private void adopt(Current candidate) {
        TrustedSnapshot s = candidate.snapshot();
        if (state.isPresent() && (current.isEmpty() || !sameSnapshot(current.get().snapshot(), s))) {
            state.get().storeSnapshot(new CachedSnapshot(s.source(), s.body(), s.signature(), s.etag(), candidate.acceptedAt()));
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

    /** Said at the first pass of a run that wants peers, whichever command runs it. */
    private void warnOnceAboutWhatCannotBeHad() {
        if (!firstPass) return;
        firstPass = false;
        for (Transport t : config.transports()) {
            if (!t.bindAddr().isEmpty()) {
                log.warn("bind_addr_ignored", "transport", t.addressFamily(), "bind_addr", t.bindAddr(),
                        "reason", Transport.BIND_NOTICE);
            }
        }
    }

    private static PassReport nothing(PassReport.News news, String detail, Optional<Duration> retryAfter) {
        return new PassReport(news, PassReport.Action.NOTHING, detail, Optional.empty(), Optional.empty(),
                BabeldStep.checkOnly(), retryAfter);
    }

    private static PassReport report(PassReport.News news, PassReport.Action action, String detail, TunnelPlan plan,
                                     Optional<Recap> recap, BabeldStep.Result babeld, Optional<Duration> retryAfter) {
        return new PassReport(news, action, detail, Optional.of(plan), recap, babeld, retryAfter);
    }

    private String keeping() {
        return current.isPresent() ? "serial " + serial(current.get().snapshot()) : "tunnels as they are";
    }

    private static String serial(TrustedSnapshot s) {
        OptionalLong serial = s.serial();
        return serial.isPresent() ? Long.toString(serial.getAsLong()) : "unsigned";
    }

    private static boolean sameSnapshot(TrustedSnapshot a, TrustedSnapshot b) {
        return Arrays.equals(a.body(), b.body()) && a.signature().equals(b.signature());
    }
}
