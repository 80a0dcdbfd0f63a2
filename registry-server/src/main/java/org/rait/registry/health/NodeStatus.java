package org.rait.registry.health;

import org.rait.health.HealthReport;
import org.rait.health.HealthReportJson;
import org.rait.registry.store.Node;
import org.rait.registry.store.StoredReport;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A node with what its latest report says and whether it is online: it reported within two of its own report
 * intervals (plus {@link #SLACK} for a pass and the network).
 *
 * @param report     the latest report; empty when the node never reported (or kept a report this registry
 *                   no longer reads)
 * @param receivedAt when that report came: the node's "last seen"
 */
public record NodeStatus(Node node, Optional<HealthReport> report, Optional<Instant> receivedAt, boolean online) {
    static final Duration SLACK = Duration.ofSeconds(15);

    public NodeStatus {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    public static NodeStatus of(Node node, Optional<StoredReport> stored, Instant now) {
        Optional<HealthReport> report = stored.flatMap(s -> {
            try {
                return Optional.of(HealthReportJson.read(s.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
        Optional<Instant> at = stored.map(StoredReport::receivedAt);
        boolean online = report.isPresent() && at.isPresent()
                && !at.get().plus(Duration.ofSeconds(2L * report.get().reportIntervalSeconds())).plus(SLACK).isBefore(now);
        return new NodeStatus(node, report, at, online);
    }

    /** Seconds since the latest report; empty when none. */
    public Optional<Long> lastSeenAgeSeconds(Instant now) {
        return receivedAt.map(at -> Math.max(0, now.getEpochSecond() - at.getEpochSecond()));
    }
}
