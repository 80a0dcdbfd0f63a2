package org.rait.registry.store;

import java.time.Instant;

/** One change: who (admin:NAME or node:KEY), did what, to which subject, with what detail. */
public record AuditEntry(long id, Instant at, String actor, String action, String subject, String detail) {
}
