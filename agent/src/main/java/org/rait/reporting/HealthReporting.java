package org.rait.reporting;

import org.rait.agent.PassReport;
import org.rait.health.HealthReport;
import org.rait.log.EventLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Sends the registry a health report about this node: as a heartbeat every {@code heartbeat}, and right after
 * a pass that changed something. Sending happens on its own thread, so a slow registry never delays a pass;
 * a failed report is logged (once until reports go through again) and the next heartbeat tries again.
 * Timestamps only grow, one second at least between two reports, because the registry refuses a report that
 * is not newer than the last one it took (replay protection).
 */
public final class HealthReporting implements AutoCloseable {
    /** Sends one report, proved with the node's key, stamped {@code timestamp} (Unix seconds). */
    @FunctionalInterface
    public interface Sender {
        void send(HealthReport report, long timestamp) throws Exception;
    }

    private final Sender sender;
    private final Function<HealthReport.LastPass, HealthReport> contents;
    private final Duration heartbeat;
    private final Clock clock;
    private final EventLog log;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rait-health-report");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private Optional<PassReport> lastPass = Optional.empty();
    private Instant lastPassAt = Instant.MIN;
    private long lastTimestamp;
    private boolean failing;
    private ScheduledFuture<?> heartbeats;

    /** @param contents the report, given how the latest pass ended */
    public HealthReporting(Sender sender, Function<HealthReport.LastPass, HealthReport> contents, Duration heartbeat, Clock clock,
                           EventLog log) {
        this.sender = sender;
        this.contents = contents;
        this.heartbeat = heartbeat;
        this.clock = clock;
        this.log = log;
    }

    /** The first report goes out now, then one every heartbeat. */
    public void start() {
        heartbeats = thread.scheduleWithFixedDelay(this::send, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What the agent loop calls after every pass; a pass that changed tunnels is reported at once. */
    public void passEnded(PassReport report) {
        synchronized (lock) {
            lastPass = Optional.of(report);
            lastPassAt = clock.instant();
        }
        boolean changed = report.recap().map(r -> r.changed() > 0 || r.removed() > 0 || r.failed() > 0).orElse(false);
        if (changed) thread.execute(this::send);
    }

    private void send() {
        HealthReport.LastPass pass;
        synchronized (lock) {
            pass = lastPass.map(p -> new HealthReport.LastPass(p.news().label(), p.action().label(), p.detail(),
                            Math.max(0, clock.instant().getEpochSecond() - lastPassAt.getEpochSecond())))
                    .orElse(new HealthReport.LastPass("none", "nothing", "no pass yet", 0));
        }
        try {
            HealthReport report = contents.apply(pass);
            long timestamp = Math.max(clock.instant().getEpochSecond(), lastTimestamp + 1);
            if (timestamp > clock.instant().getEpochSecond()) {
                // one report per second at most: wait for the clock rather than stamp the future
                Thread.sleep(1000L * (timestamp - clock.instant().getEpochSecond()));
            }
            sender.send(report, timestamp);
            lastTimestamp = timestamp;
            if (failing) log.info("report_sent", "reason", "reports go through again", "peers", report.peers().size());
            else log.debug("report_sent", "peers", report.peers().size());
            failing = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!failing) {
                log.warn("report_failed", "detail", String.valueOf(e.getMessage()), "retry_in", heartbeat.toSeconds() + "s");
            }
            failing = true;
        }
    }

    @Override
    public void close() {
        if (heartbeats != null) heartbeats.cancel(false);
        thread.shutdownNow();
    }
}
