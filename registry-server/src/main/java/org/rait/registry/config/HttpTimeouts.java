package org.rait.registry.config;

import java.time.Duration;

/**
 * How long a connection may take. {@code idle}: no bytes either way. {@code header}: from accepting a
 * connection (TLS handshake included) to a complete request head, and for each later head on a
 * kept-alive connection; a client that trickles its request is cut off instead of holding a slot.
 */
public record HttpTimeouts(Duration idle, Duration header) {
    public static final HttpTimeouts DEFAULTS = new HttpTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10));

    public HttpTimeouts {
        if (idle.isNegative() || idle.isZero() || header.isNegative() || header.isZero()) {
            throw new IllegalArgumentException("http timeouts must be positive");
        }
    }
}
