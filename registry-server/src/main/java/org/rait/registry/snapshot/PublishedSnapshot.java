package org.rait.registry.snapshot;

import org.rait.registry.store.StoredSnapshot;
import org.rait.snapshot.SnapshotFormat;

import java.time.Instant;

/** The snapshot being served: one serial and expiry, in both syntaxes. */
public record PublishedSnapshot(long serial, Instant expires, SignedBody block, SignedBody toml) {
    public SignedBody in(SnapshotFormat format) {
        return format == SnapshotFormat.BLOCK ? block : toml;
    }

    static PublishedSnapshot of(StoredSnapshot stored) {
        return new PublishedSnapshot(stored.serial(), stored.expiresAt(),
                new SignedBody(stored.serial(), SnapshotFormat.BLOCK, stored.blockBody(), stored.blockSignature()),
                new SignedBody(stored.serial(), SnapshotFormat.TOML, stored.tomlBody(), stored.tomlSignature()));
    }

    StoredSnapshot toStored(Instant createdAt) {
        return new StoredSnapshot(serial, createdAt, expires, block.bytes(), block.signature(), toml.bytes(), toml.signature());
    }
}
