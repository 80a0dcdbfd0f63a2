package org.rait.registry.health;

import org.rait.registry.store.Node;
import org.rait.registry.store.RegistryStore;
import org.rait.registry.store.StoredReport;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads every node with its latest report, for `admin list`, `admin health`, the web page and /metrics. */
public final class MeshHealth {
    private final RegistryStore store;
    private final Clock clock;

    public MeshHealth(RegistryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Every node (sorted by key, as the store lists them) with its health as of now. */
    public List<NodeStatus> statuses() {
        Instant now = clock.instant();
        return store.transaction(tx -> {
            Map<String, StoredReport> reports = new HashMap<>();
            for (StoredReport r : tx.reports().list()) reports.put(r.node().base64(), r);
            return tx.nodes().list(Optional.empty()).stream()
                    .map((Node n) -> NodeStatus.of(n, Optional.ofNullable(reports.get(n.publicKey().base64())), now)).toList();
        });
    }

    public MeshMatrix matrix() {
        return MeshMatrix.of(statuses(), clock.instant());
    }

    public Instant now() {
        return clock.instant();
    }
}
