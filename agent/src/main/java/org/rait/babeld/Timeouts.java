package org.rait.babeld;

import java.time.Duration;
import java.util.Objects;

/**
 * How long rait waits for babeld: to connect, and for each line of a reply. A babeld that hangs must
 * not stall a whole `rait up` pass.
 */
public record Timeouts(Duration connect, Duration read) {
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(10));

    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(read, "read");
        if (connect.isNegative() || connect.isZero() || read.isNegative() || read.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive: connect=" + connect + " read=" + read);
        }
    }
}
