package org.rait.registry.store;

import org.rait.keys.WgKey;

import java.time.Instant;
import java.util.Objects;

/**
 * A node's latest health report as the registry keeps it.
 *
 * @param requestTimestamp the proof's timestamp: a report not newer than it is a replay
 * @param body             the report's JSON, as the node sent it (validated before it was stored)
 */
public record StoredReport(WgKey node, Instant receivedAt, long requestTimestamp, String body) {
    public StoredReport {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(body, "body");
    }
}
