package org.rait.registry.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import org.rait.registry.health.MeshHealth;
import org.rait.registry.health.NodeStatus;
import org.rait.registry.snapshot.PublishedSnapshot;
import org.rait.registry.snapshot.SnapshotPublisher;
import org.rait.registry.store.NodeState;
import org.rait.registry.store.RegistryStore;
import org.rait.registry.store.StoredSnapshot;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The figures /metrics reads from the store at each scrape, so every registry on one database tells the same. */
final class StoreCollector implements MultiCollector {
    private static final String NODES = "rait_registry_nodes";
    private static final String REPORTING = "rait_registry_nodes_reporting";
    private static final String REPORT_AGE = "rait_registry_node_report_age_seconds";
    private static final String SERIAL = "rait_registry_snapshot_serial";
    private static final String SNAPSHOT_AGE = "rait_registry_snapshot_age_seconds";
    private static final String EXPIRY = "rait_registry_snapshot_expiry_timestamp_seconds";
    private static final String REGISTRATIONS = "rait_registry_registrations";
    private static final String CURATION = "rait_registry_curation_actions";

    private final RegistryStore store;
    private final MeshHealth health;
    private final SnapshotPublisher publisher;
    private final Clock clock;

    StoreCollector(RegistryStore store, MeshHealth health, SnapshotPublisher publisher, Clock clock) {
        this.store = store;
        this.health = health;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        Instant now = clock.instant();
        List<NodeStatus> statuses = health.statuses();
        Map<List<String>, Long> audit = store.transaction(tx -> tx.audit().countsByActorKindAndAction());
        Optional<StoredSnapshot> latest = store.transaction(tx -> tx.snapshots().latest());

        GaugeSnapshot.Builder nodes = GaugeSnapshot.builder().name(NODES).help("Nodes by state");
        for (NodeState state : NodeState.values()) {
            nodes.dataPoint(gauge(Labels.of("state", state.word()), statuses.stream().filter(s -> s.node().state() == state).count()));
        }
        GaugeSnapshot.Builder reporting = GaugeSnapshot.builder().name(REPORTING)
                .help("Nodes that reported within two of their own report intervals (online)")
                .dataPoint(gauge(Labels.EMPTY, statuses.stream().filter(NodeStatus::online).count()));
        GaugeSnapshot.Builder reportAge = GaugeSnapshot.builder().name(REPORT_AGE).unit(Unit.SECONDS)
                .help("Seconds since each node's latest health report (absent for a node that never reported)");
        for (NodeStatus s : statuses) {
            s.lastSeenAgeSeconds(now).ifPresent(age -> reportAge.dataPoint(gauge(Labels.of("node", s.node().name(),
                    "state", s.node().state().word()), age)));
        }
        GaugeSnapshot.Builder serial = GaugeSnapshot.builder().name(SERIAL).help("Serial of the snapshot being served");
        GaugeSnapshot.Builder age = GaugeSnapshot.builder().name(SNAPSHOT_AGE).unit(Unit.SECONDS)
                .help("Seconds since the served snapshot was signed");
        GaugeSnapshot.Builder expiry = GaugeSnapshot.builder().name(EXPIRY).help("When the served snapshot's signature expires (Unix seconds)");
        served().ifPresent(p -> {
            serial.dataPoint(gauge(Labels.EMPTY, p.serial()));
            expiry.dataPoint(gauge(Labels.EMPTY, p.expires().getEpochSecond()));
        });
        latest.ifPresent(l -> age.dataPoint(gauge(Labels.EMPTY, Math.max(0, now.getEpochSecond() - l.createdAt().getEpochSecond()))));
        CounterSnapshot.Builder registrations = CounterSnapshot.builder().name(REGISTRATIONS)
                .help("Self-registrations by what they did (register = new node, update = a known node's new entry)");
        CounterSnapshot.Builder curation = CounterSnapshot.builder().name(CURATION)
                .help("Admin actions on nodes and tokens, over the API (admin) or on the data directory (local)");
        for (String action : List.of("register", "update")) {
            registrations.dataPoint(counter(Labels.of("action", action), audit.getOrDefault(List.of("node", action), 0L)));
        }
        audit.forEach((key, n) -> {
            if (!key.get(0).equals("node")) curation.dataPoint(counter(Labels.of("action", key.get(1), "actor", key.get(0)), n));
        });
        return MetricSnapshots.of(nodes.build(), reporting.build(), reportAge.build(), serial.build(), age.build(), expiry.build(),
                registrations.build(), curation.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(NODES, REPORTING, REPORT_AGE, SERIAL, SNAPSHOT_AGE, EXPIRY, REGISTRATIONS, CURATION);
    }

    private Optional<PublishedSnapshot> served() {
        try {
            return Optional.of(publisher.current());
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static GaugeDataPointSnapshot gauge(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static CounterDataPointSnapshot counter(Labels labels, double value) {
        return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
