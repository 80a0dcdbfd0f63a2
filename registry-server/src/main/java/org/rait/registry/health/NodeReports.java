package org.rait.registry.health;

import org.rait.health.HealthReport;
import org.rait.health.HealthReportJson;
import org.rait.log.EventLog;
import org.rait.registration.RequestProof;
import org.rait.registry.Refusal;
import org.rait.registry.nodes.ProofCheck;
import org.rait.registry.store.Node;
import org.rait.registry.store.NodeState;
import org.rait.registry.store.RegistryStore;
import org.rait.registry.store.StoredReport;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Takes a node's health report. The sender is the key the proof shows, never anything in the body, so a node
 * reports only about itself. The node must be registered (pending or approved: an admin approving a node
 * sees at once whether it is alive); a report not newer than its previous one is a replay.
 */
public final class NodeReports {
    private final RegistryStore store;
    private final ProofCheck proofCheck;
    private final Clock clock;
    private final EventLog log;

    public NodeReports(RegistryStore store, ProofCheck proofCheck, Clock clock, EventLog log) {
        this.store = store;
        this.proofCheck = proofCheck;
        this.clock = clock;
        this.log = log;
    }

    public HealthReport accept(RequestProof proof, String method, String path, byte[] body) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        proofCheck.verify(proof, method, path, body, now);
        HealthReport report;
        try {
            report = HealthReportJson.read(body);
        } catch (IllegalArgumentException e) {
            throw new Refusal(Refusal.Kind.INVALID, e.getMessage());
        }
        store.transaction(tx -> {
            Optional<Node> node = tx.nodes().find(proof.nodeKey());
            if (node.isEmpty()) {
                throw new Refusal(Refusal.Kind.NOT_FOUND, "node " + proof.nodeKey() + " is not registered: rait register first");
            }
            if (node.get().state() == NodeState.REJECTED || node.get().state() == NodeState.REVOKED) {
                throw new Refusal(Refusal.Kind.FORBIDDEN, "node " + proof.nodeKey() + " is " + node.get().state().word()
                        + "; its reports are not taken");
            }
            // Check and replacement in one statement: a report replayed to two registries at once is taken once.
            if (!tx.reports().putIfNewer(new StoredReport(proof.nodeKey(), now, proof.timestamp(), new String(body, StandardCharsets.UTF_8)))) {
                long previous = tx.reports().find(proof.nodeKey()).map(StoredReport::requestTimestamp).orElse(proof.timestamp());
                throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "timestamp " + proof.timestamp()
                        + " is not newer than this node's last report (" + previous + "): a replay");
            }
            return null;
        });
        log.debug("node_reported", "node", proof.nodeKey(), "serial", report.appliedSerial().isPresent() ? report.appliedSerial().getAsLong() : "none",
                "peers", report.peers().size());
        return report;
    }
}
