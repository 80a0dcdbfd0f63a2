package org.rait.registry.store;

import java.time.Instant;
import java.util.Optional;

/** An admin token as listed: who holds it, who made it and when, its last use, and its revocation if any. */
public record AdminToken(String name, Instant createdAt, String createdBy, Optional<Instant> lastUsedAt,
                         Optional<Instant> revokedAt, Optional<String> revokedBy) {
    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
