package org.rait.metrics;

import org.rait.state.StateDirectory.SourceResult;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What `rait agent` counts, rendered in the Prometheus text exposition format (version 0.0.4).
 * Thread-safe: the loop records, the HTTP server renders.
 */
public final class AgentMetrics {
    /** Upper bounds of the apply-duration histogram, in seconds. */
    static final double[] APPLY_BUCKETS = {0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60};

    private final Map<String, LongAdder> fetchAttempts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> passes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
    private final Map<String, Long> tunnels = new ConcurrentHashMap<>();
    private final LongAdder[] applyBuckets = new LongAdder[APPLY_BUCKETS.length];
    private final LongAdder applyCount = new LongAdder();
    private final DoubleAdder applySum = new DoubleAdder();
    private volatile List<SourceResult> sources = List.of();
    private volatile long serial = -1;
    private volatile long snapshotAcceptedEpoch = -1;
    private volatile long sendPortConflicts;
    private volatile long nextFetchEpoch = -1;

    public AgentMetrics() {
        for (int i = 0; i < applyBuckets.length; i++) applyBuckets[i] = new LongAdder();
    }

    /** One HTTP attempt: "changed", "not_modified" or a failure label. */
    public void fetchAttempt(String outcome) {
        fetchAttempts.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    /** What each URL of a `peers` list answered in the latest pass. */
    public void sources(List<SourceResult> results) {
        sources = List.copyOf(results);
    }

    /** One pass: what the source said (fresh, unchanged, unreachable, refused, cache) and what was done. */
    public void pass(String news, String action) {
        passes.computeIfAbsent("news=\"" + escape(news) + "\",action=\"" + escape(action) + "\"", k -> new LongAdder()).increment();
    }

    /** A snapshot refused by the trust policy or the size cap. */
    public void refusal(String reason) {
        refusals.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    public void snapshot(long acceptedSerial, long acceptedAtEpochSeconds) {
        this.serial = acceptedSerial;
        this.snapshotAcceptedEpoch = acceptedAtEpochSeconds;
    }

    /** Managed tunnels by state after the last pass ("ok", "changed", "failed"). */
    public void tunnels(Map<String, Long> byState) {
        tunnels.clear();
        tunnels.putAll(byState);
    }

    /** Interface names several peers of the list claim (one send_port, one family), in the last plan. */
    public void sendPortConflicts(long count) {
        this.sendPortConflicts = count;
    }

    public long sendPortConflicts() {
        return sendPortConflicts;
    }

    /** When the loop will fetch next (Unix seconds). */
    public void nextFetch(long epochSeconds) {
        this.nextFetchEpoch = epochSeconds;
    }

    public void applyDuration(double seconds) {
        for (int i = 0; i < APPLY_BUCKETS.length; i++) {
            if (seconds <= APPLY_BUCKETS[i]) applyBuckets[i].increment();
        }
        applyCount.increment();
        applySum.add(seconds);
    }

    public long fetchAttempts(String outcome) {
        LongAdder a = fetchAttempts.get(outcome);
        return a == null ? 0 : a.sum();
    }

    public long refusals(String reason) {
        LongAdder a = refusals.get(reason);
        return a == null ? 0 : a.sum();
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        counter(out, "rait_fetch_attempts_total", "HTTP fetches of the peer list by outcome", "outcome", fetchAttempts);
        out.append("# HELP rait_agent_passes_total Agent passes by what the source said and what was done\n# TYPE rait_agent_passes_total counter\n");
        new TreeMap<>(passes).forEach((labels, n) -> out.append("rait_agent_passes_total{").append(labels).append("} ").append(n.sum()).append('\n'));
        counter(out, "rait_snapshot_refusals_total", "Peer-list snapshots refused, by reason", "reason", refusals);
        if (!sources.isEmpty()) {
            out.append("# HELP rait_peers_source_last_result What each peers URL answered last (1 per URL; fresh = it served the newest snapshot)\n")
                    .append("# TYPE rait_peers_source_last_result gauge\n");
            for (SourceResult r : sources) {
                out.append("rait_peers_source_last_result{url=\"").append(escape(r.url())).append("\",result=\"").append(escape(r.result()))
                        .append("\"} 1\n");
            }
        }
        gauge(out, "rait_snapshot_serial", "Serial of the applied snapshot (-1 when none or unsigned)", serial);
        gauge(out, "rait_snapshot_accepted_timestamp_seconds", "When the applied snapshot was accepted (Unix seconds)", snapshotAcceptedEpoch);
        gauge(out, "rait_send_port_conflicts", "Interface names that several peers claim (one send_port, one family) in the last plan",
                sendPortConflicts);
        gauge(out, "rait_next_fetch_timestamp_seconds", "When the agent fetches the peer list next (Unix seconds, -1 before the first)",
                nextFetchEpoch);
        out.append("# HELP rait_tunnels Managed tunnels by state after the last pass\n# TYPE rait_tunnels gauge\n");
        new TreeMap<>(tunnels).forEach((state, n) -> out.append("rait_tunnels{state=\"").append(escape(state)).append("\"} ").append(n).append('\n'));
        out.append("# HELP rait_apply_duration_seconds Time to apply a plan\n# TYPE rait_apply_duration_seconds histogram\n");
        for (int i = 0; i < APPLY_BUCKETS.length; i++) {
            out.append("rait_apply_duration_seconds_bucket{le=\"").append(number(APPLY_BUCKETS[i])).append("\"} ")
                    .append(applyBuckets[i].sum()).append('\n');
        }
        out.append("rait_apply_duration_seconds_bucket{le=\"+Inf\"} ").append(applyCount.sum()).append('\n');
        out.append("rait_apply_duration_seconds_sum ").append(number(applySum.sum())).append('\n');
        out.append("rait_apply_duration_seconds_count ").append(applyCount.sum()).append('\n');
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, String label, Map<String, LongAdder> values) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        new TreeMap<>(values).forEach((value, n) -> out.append(name).append('{').append(label).append("=\"")
                .append(escape(value)).append("\"} ").append(n.sum()).append('\n'));
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(value).append('\n');
    }

    private static String number(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? String.format(Locale.ROOT, "%.1f", d) : Double.toString(d);
    }

    private static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
