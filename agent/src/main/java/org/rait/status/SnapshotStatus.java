package org.rait.status;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The peer-list snapshot the tunnels were last reconciled to.
 *
 * @param serial     empty for an unsigned snapshot
 * @param ageSeconds since the agent accepted it
 */
public record SnapshotStatus(String source, OptionalLong serial, long ageSeconds) {
    public SnapshotStatus {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(serial, "serial");
    }
}
