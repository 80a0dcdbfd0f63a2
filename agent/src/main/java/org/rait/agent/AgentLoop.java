package org.rait.agent;

import org.rait.babeld.BabeldStep;
import org.rait.log.EventLog;
import org.rait.trust.TrustPolicy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Runs passes until stopped: first the cached snapshot (so a node restarted while the registry is down comes
 * back at once), then a fetching pass every interval (jittered, so that a fleet does not poll in step, and never
 * sooner than a server's Retry-After), plus a repair pass shortly after a link changed (debounced: one pass
 * for a burst of events).
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
            PassReport report = guarded(due == Due.FETCH ? () -> pass.run(false) : pass::repair);
            afterPass.accept(report);
            synchronized (lock) {
                passes++;
                if (due == Due.FETCH) {
                    Duration wait = jittered();
                    if (report.retryAfter().isPresent() && report.retryAfter().get().compareTo(wait) > 0) {
                        wait = report.retryAfter().get();
                    }
                    nextFetchNanos = System.nanoTime() + wait.toNanos();
                }
                lock.notifyAll();
            }
        }
        log.info("agent_stop", "tunnels", "left up", "hint", "rait down removes them");
    }

    /**
     * Told how every pass ended, the start from the cache included (health reporting; the unit's READY=1 after the
     * first); must not block. Listeners add up. Set before {@link #run()}.
     */
    public void afterEachPass(Consumer<PassReport> listener) {
        afterPass = afterPass.andThen(listener);
    }

    /** A link in the target namespace changed: repair soon, once for a burst of changes. */
    public void linkChanged() {
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

    private enum Due { FETCH, REPAIR, STOP }

    private Due awaitDue() {
        synchronized (lock) {
            while (true) {
                if (stopping) return Due.STOP;
                long now = System.nanoTime();
                if (now - nextFetchNanos >= 0) {
                    repairNanos = Long.MAX_VALUE;
                    return Due.FETCH;
                }
                if (repairNanos != Long.MAX_VALUE && now - repairNanos >= 0) {
                    repairNanos = Long.MAX_VALUE;
                    return Due.REPAIR;
                }
                long until = Math.min(nextFetchNanos, repairNanos) - now;
                try {
                    lock.wait(Math.max(1, until / 1_000_000), 0);
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
