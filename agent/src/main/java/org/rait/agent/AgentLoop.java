package org.rait.agent;

import org.rait.babeld.BabeldStep;
import org.rait.log.EventLog;
import org.rait.netlink.LinkEvent;
import org.rait.trust.TrustPolicy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Runs passes until stopped: first the cached snapshot (so a node restarted while the registry is down comes
 * back at once), then a fetching pass every interval (jittered, so that a fleet does not poll in step, and never
 * sooner than a server's Retry-After, within its cap), plus a repair pass shortly after a link changed
 * (debounced: one pass for a burst of events). A burst whose every event agrees with what the agent knows (the
 * events of its own writes) brings no pass at all.
 *
 * <p>The fetch itself runs on a thread of its own, under the fetcher's one deadline; its outcome is applied by
 * the loop's thread like any pass. So a repair never waits for the network: a hand-deleted interface comes back
 * one debounce after its link event, whether the registry answers, hangs or drips.
 *
 * <p>{@link #stop()} ends the loop after the pass in progress and leaves the tunnels as they are: stopping the
 * agent is not `rait down`.
 */
public final class AgentLoop {
    private final AgentPass pass;
    private final TrustPolicy trust;
    private final Duration interval;
    private final double jitter;
    private final Duration debounce;
    private final EventLog log;
    private final DoubleSupplier random;

    private final Object lock = new Object();
    private long nextFetchNanos;
    private long repairNanos = Long.MAX_VALUE;
    private boolean stopping;
    private long passes;
    /** A fetch is on the fetch thread; {@link #fetched} gets its outcome. */
    private boolean fetching;
    private AgentPass.Fetched fetched;
    private final ExecutorService fetcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rait-agent-fetch");
        t.setDaemon(true);
        return t;
    });
    private volatile Consumer<PassReport> afterPass = report -> { };

    public AgentLoop(AgentPass pass, TrustPolicy trust, Duration interval, double jitter, Duration debounce, EventLog log) {
        this(pass, trust, interval, jitter, debounce, log, () -> ThreadLocalRandom.current().nextDouble());
    }

    AgentLoop(AgentPass pass, TrustPolicy trust, Duration interval, double jitter, Duration debounce, EventLog log,
              DoubleSupplier random) {
        if (interval.isZero() || interval.isNegative()) throw new IllegalArgumentException("interval must be positive");
        this.pass = pass;
        this.trust = trust;
        this.interval = interval;
        this.jitter = jitter;
        this.debounce = debounce;
        this.log = log;
        this.random = random;
    }

    /** Blocks until {@link #stop()}. */
    public void run() {
        log.info("agent_start", "interval", interval.toSeconds() + "s");
        afterPass.accept(guarded(() -> pass.startFromCache(trust)));
        synchronized (lock) {
            nextFetchNanos = System.nanoTime();
        }
        while (true) {
            Due due = awaitDue();
            if (due == Due.STOP) break;
            if (due == Due.FETCH) {
                fetcher.execute(this::fetchInBackground);
                continue;
            }
            PassReport report;
            if (due == Due.FETCHED) {
                AgentPass.Fetched outcome;
                synchronized (lock) {
                    outcome = fetched;
                    fetched = null;
                }
                report = guarded(() -> pass.apply(outcome, false));
            } else if (pass.drifted()) {
                report = guarded(pass::repair);
            } else {
                log.debug("link_events", "news", "none", "reason", "every event agrees with what the agent wrote and read back");
                continue;
            }
            afterPass.accept(report);
            Duration wait = jittered();
            String reason = "interval";
            if (report.retryAfter().isPresent() && report.retryAfter().get().compareTo(wait) > 0) {
                wait = report.retryAfter().get();
                reason = "retry_after " + wait.toSeconds() + "s (what the server asked, at most the cap)";
            }
            synchronized (lock) {
                passes++;
                if (due == Due.FETCHED) {
                    nextFetchNanos = System.nanoTime() + wait.toNanos();
                }
                lock.notifyAll();
            }
            if (due == Due.FETCHED) {
                pass.nextFetch(java.time.Instant.now().plus(wait), reason);
            }
        }
        // A fetch still in flight ends at its deadline; its outcome is not applied.
        fetcher.shutdownNow();
        log.info("agent_stop", "tunnels", "left up", "hint", "rait down removes them");
    }

    /** On the fetch thread: the network part of a pass, handed to the loop's thread. */
    private void fetchInBackground() {
        AgentPass.Fetched outcome;
        try {
            outcome = pass.fetch();
        } catch (RuntimeException e) {
            log.error("pass_failed", "error", e.getClass().getSimpleName(), "step", "fetch", "detail", String.valueOf(e.getMessage()));
            outcome = new AgentPass.Fetched(new SourceOutcome.Unreachable("error", String.valueOf(e.getMessage()), Optional.empty()), 0);
        }
        synchronized (lock) {
            fetched = outcome;
            lock.notifyAll();
        }
    }

    /**
     * Told how every pass ended, the start from the cache included (health reporting; the unit's READY=1 after the
     * first); must not block. Listeners add up. Set before {@link #run()}.
     */
    public void afterEachPass(Consumer<PassReport> listener) {
        afterPass = afterPass.andThen(listener);
    }

    /**
     * A link in the target namespace changed, and nothing says how: what the agent knows is forgotten, and a repair
     * pass comes soon, once for a burst of changes.
     */
    public void linkChanged() {
        pass.forgetObservation();
        repairSoon();
    }

    /**
     * A link event of the target namespace: a repair pass comes soon (once for a burst) unless, by then, every event
     * agrees with what the agent knows.
     */
    public void linkChanged(LinkEvent event) {
        pass.heard(event);
        repairSoon();
    }

    /** The link events stopped coming: from now on every pass reads the kernel, starting with a repair pass soon. */
    public void linkEventsStopped() {
        pass.listening(false);
        repairSoon();
    }

    private void repairSoon() {
        synchronized (lock) {
            long at = System.nanoTime() + debounce.toNanos();
            if (repairNanos == Long.MAX_VALUE) {
                repairNanos = at;
                lock.notifyAll();
            }
        }
    }

    /** Ends {@link #run()} after the pass in progress, if any. Never touches the tunnels. */
    public void stop() {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
    }

    /** Passes run so far (not counting the start from the cache). */
    public long passes() {
        synchronized (lock) {
            return passes;
        }
    }

    /** FETCH: start one on the fetch thread; FETCHED: apply its outcome; REPAIR: a pass without the network. */
    private enum Due { FETCH, FETCHED, REPAIR, STOP }

    private Due awaitDue() {
        synchronized (lock) {
            while (true) {
                if (stopping) return Due.STOP;
                long now = System.nanoTime();
                if (fetched != null) {
                    fetching = false;
                    // The pass that applies the outcome reconciles everything: a pending repair is part of it.
                    repairNanos = Long.MAX_VALUE;
                    return Due.FETCHED;
                }
                if (!fetching && now - nextFetchNanos >= 0) {
                    fetching = true;
                    return Due.FETCH;
                }
                if (repairNanos != Long.MAX_VALUE && now - repairNanos >= 0) {
                    repairNanos = Long.MAX_VALUE;
                    return Due.REPAIR;
                }
                boolean timed = !fetching || repairNanos != Long.MAX_VALUE;
                long until = Math.min(fetching ? repairNanos : nextFetchNanos, repairNanos) - now;
                try {
                    // With a fetch in flight and no repair pending, only the fetch's end, a link event or stop wakes us.
                    if (timed) {
                        lock.wait(Math.max(1, until / 1_000_000), 0);
                    } else {
                        lock.wait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Due.STOP;
                }
            }
        }
    }

    /**
     * A pass that throws (a state directory that cannot be written, a bug) is logged and the loop goes on: the
     * agent stays up, the tunnels stay as they are, and the next pass tries again.
     */
    private PassReport guarded(Supplier<PassReport> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            log.error("pass_failed", "error", e.getClass().getSimpleName(), "detail", String.valueOf(e.getMessage()));
            return new PassReport(PassReport.News.NONE, PassReport.Action.FAILED, String.valueOf(e.getMessage()), Optional.empty(),
                    Optional.empty(), BabeldStep.checkOnly(), Optional.empty());
        }
    }

    private Duration jittered() {
        double spread = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(interval.toMillis() * spread)));
    }
}
