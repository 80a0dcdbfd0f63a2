package org.rait.registry.store;

import java.time.Instant;

/** An enrollment token as stored: only its hash, never the token. */
public record EnrollmentToken(long id, int usesLeft, Instant expiresAt, Instant createdAt, String createdBy, String note) {
}
