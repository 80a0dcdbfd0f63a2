package org.rait.registry.store;

import java.time.Instant;

/** A published snapshot as persisted: both renderings with their detached signatures. */
public record StoredSnapshot(long serial, Instant createdAt, Instant expiresAt, byte[] blockBody, String blockSignature,
                             byte[] tomlBody, String tomlSignature) {
}
