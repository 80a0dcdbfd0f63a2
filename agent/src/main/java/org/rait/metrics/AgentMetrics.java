package org.rait.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import org.rait.state.StateDirectory.SourceResult;
import org.rait.status.TunnelWatch;
import org.rait.status.Version;
import org.rait.trust.RefusalReason;
import org.rait.trust.TrustedSnapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What `rait agent` counts, in its own Prometheus registry (so that two agents in one JVM, as in tests, never
 * share a series). Thread-safe: the loop records, the HTTP server scrapes.
 */
public final class AgentMetrics implements PassMetrics {
    /** Upper bounds of the duration histograms, in seconds (down to the millisecond of a pass with nothing new). */
    static final double[] DURATION_BUCKETS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60};
    /** Fetch outcomes that mean the registry (or a mirror) answered with something usable. */
    private static final Set<String> SUCCESSFUL_FETCHES = Set.of("changed", "not_modified");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter fetchAttempts;
    private final Counter passes;
    private final Counter refusals;
    private final Gauge serial;
    private final Gauge acceptedAt;
    private final Gauge expiresAt;
    private final Gauge lastSuccessfulFetch;
    private final Gauge tunnels;
    private final Gauge sources;
    private final Gauge sendPortConflicts;
    private final Gauge nextFetch;
    private final Histogram applyDuration;
    private final Histogram phaseDuration;
    private final Histogram passDuration;
    private final Clock clock;
    private volatile Instant snapshotAcceptedAt = Instant.MIN;

    public AgentMetrics() {
        this(Clock.systemUTC());
    }

    public AgentMetrics(Clock clock) {
        this.clock = clock;
        fetchAttempts = Counter.builder().name("rait_fetch_attempts_total").help("HTTP fetches of the peer list by outcome")
                .labelNames("outcome").register(registry);
        passes = Counter.builder().name("rait_agent_passes_total").help("Agent passes by what the source said and what was done")
                .labelNames("news", "action").register(registry);
        refusals = Counter.builder().name("rait_snapshot_refusals_total").help("Peer-list snapshots refused, by reason")
                .labelNames("reason").register(registry);
        // Every reason at zero from the start, so that an alert on increase() sees the first refusal.
        for (RefusalReason reason : RefusalReason.values()) refusals.initLabelValues(reason.label());
        serial = Gauge.builder().name("rait_snapshot_serial").help("Serial of the applied snapshot (-1 when none or unsigned)")
                .register(registry);
        serial.set(-1);
        acceptedAt = Gauge.builder().name("rait_snapshot_accepted_timestamp_seconds")
                .help("When the applied snapshot was accepted (Unix seconds)").register(registry);
        acceptedAt.set(-1);
        GaugeWithCallback.builder().name("rait_snapshot_age_seconds").help("Seconds since the applied snapshot was accepted")
                .unit(Unit.SECONDS).callback(cb -> {
                    Instant at = snapshotAcceptedAt;
                    if (at != Instant.MIN) cb.call(Math.max(0, clock.instant().getEpochSecond() - at.getEpochSecond()));
                }).register(registry);
        expiresAt = Gauge.builder().name("rait_snapshot_expiry_timestamp_seconds")
                .help("When the applied snapshot's signature expires (Unix seconds; absent when unsigned)").register(registry);
        lastSuccessfulFetch = Gauge.builder().name("rait_last_successful_fetch_timestamp_seconds")
                .help("When the peer list was last fetched with a usable answer (changed or not modified)").register(registry);
        sources = Gauge.builder().name("rait_peers_source_last_result")
                .help("What each peers URL answered last (1 per URL; fresh = it served the newest snapshot)")
                .labelNames("url", "result").register(registry);
        sendPortConflicts = Gauge.builder().name("rait_send_port_conflicts")
                .help("Interface names that several peers claim (one send_port, one family) in the last plan").register(registry);
        nextFetch = Gauge.builder().name("rait_next_fetch_timestamp_seconds")
                .help("When the agent fetches the peer list next (Unix seconds, -1 before the first)").register(registry);
        nextFetch.set(-1);
        tunnels = Gauge.builder().name("rait_tunnels").help("Managed tunnels by state after the last pass")
                .labelNames("state").register(registry);
        applyDuration = Histogram.builder().name("rait_apply_duration_seconds").help("Time to apply a plan")
                .classicOnly().classicUpperBounds(DURATION_BUCKETS).register(registry);
        phaseDuration = Histogram.builder().name("rait_pass_phase_duration_seconds")
                .help("Time spent in each phase of a pass (fetch, verify, parse, resolve, observe, plan, apply, babeld, after_apply)")
                .labelNames("phase").classicOnly().classicUpperBounds(DURATION_BUCKETS).register(registry);
        passDuration = Histogram.builder().name("rait_pass_duration_seconds")
                .help("Time of a whole pass, its fetch included").classicOnly().classicUpperBounds(DURATION_BUCKETS).register(registry);
        Info.builder().name("rait_build_info").help("This rait build").labelNames("version").register(registry)
                .setLabelValues(Version.current());
    }

    /** JVM and process figures (memory, threads, GC, CPU, open files) next to rait's own. */
    public AgentMetrics withJvmMetrics() {
        JvmMetrics.builder().register(registry);
        return this;
    }

    /** Per-peer series from the tunnels as they are at each scrape. */
    public AgentMetrics withPeers(TunnelWatch watch) {
        registry.register(new PeerCollector(watch, clock));
        return this;
    }

    @Override
    public void fetchAttempt(String outcome) {
        fetchAttempts.labelValues(outcome).inc();
        if (SUCCESSFUL_FETCHES.contains(outcome)) lastSuccessfulFetch.set(clock.instant().getEpochSecond());
    }

    @Override
    public void sources(List<SourceResult> results) {
        sources.clear();
        results.forEach(r -> sources.labelValues(r.url(), r.result()).set(1));
    }

    @Override
    public void pass(String news, String action) {
        passes.labelValues(news, action).inc();
    }

    @Override
    public void refusal(String reason) {
        refusals.labelValues(reason).inc();
    }

    @Override
    public void snapshot(TrustedSnapshot snapshot, Instant accepted) {
        serial.set(snapshot.serial().orElse(-1));
        acceptedAt.set(accepted.getEpochSecond());
        snapshotAcceptedAt = accepted;
        snapshot.comment().ifPresentOrElse(c -> expiresAt.set(c.expires().getEpochSecond()), expiresAt::clear);
    }

    @Override
    public void tunnels(Map<String, Long> byState) {
        tunnels.clear();
        byState.forEach((state, n) -> tunnels.labelValues(state).set(n));
    }

    @Override
    public void sendPortConflicts(long count) {
        sendPortConflicts.set(count);
    }

    public long sendPortConflicts() {
        return (long) sendPortConflicts.get();
    }

    @Override
    public void nextFetch(long epochSeconds) {
        nextFetch.set(epochSeconds);
    }

    @Override
    public void applyDuration(double seconds) {
        applyDuration.observe(seconds);
        phase("apply", seconds);
    }

    @Override
    public void phase(String phase, double seconds) {
        phaseDuration.labelValues(phase).observe(seconds);
    }

    @Override
    public void passDuration(double seconds) {
        passDuration.observe(seconds);
    }

    public long fetchAttempts(String outcome) {
        return (long) fetchAttempts.labelValues(outcome).get();
    }

    public long refusals(String reason) {
        return (long) refusals.labelValues(reason).get();
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition format (0.0.4), as the endpoint serves it. */
    public String render() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
