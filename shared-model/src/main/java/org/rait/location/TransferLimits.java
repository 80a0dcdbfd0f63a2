package org.rait.location;

import java.time.Duration;

/**
 * Bounds on every transfer so that a stuck or hostile server cannot hang or exhaust the agent.
 *
 * @param maxBytes largest body (or file) read; more is an error, not a truncation
 */
public record TransferLimits(Duration connectTimeout, Duration readTimeout, long maxBytes) {
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
    public static final TransferLimits DEFAULT =
            new TransferLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), DEFAULT_MAX_BYTES);

    public TransferLimits {
        if (maxBytes < 0) throw new IllegalArgumentException("maxBytes must not be negative");
    }
}
