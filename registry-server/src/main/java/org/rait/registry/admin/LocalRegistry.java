package org.rait.registry.admin;

import org.rait.registry.config.DataDirectory;
import org.rait.registry.health.MeshHealth;
import org.rait.registry.nodes.Curation;
import org.rait.registry.snapshot.Publication;
import org.rait.registry.snapshot.SnapshotPublisher;
import org.rait.registry.store.RegistryStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * A registry's data directory on this host, opened for curation without going through its server
 * (which may be stopped, or running: SQLite serialises the writers, and a running server serves the
 * newer snapshot within seconds). Changes go through the same {@link Curation} as the API, so they
 * are validated, audited and published (signed with the data directory's key) the same way.
 */
public final class LocalRegistry implements AutoCloseable {
    private final RegistryStore store;
    private final Curation curation;
    private final MeshHealth health;

    private LocalRegistry(RegistryStore store, Curation curation) {
        this.store = store;
        this.curation = curation;
        this.health = new MeshHealth(store, Clock.systemUTC());
    }

    /** Opens an existing registry; a directory without its database or signing key is refused, never initialised. */
    public static LocalRegistry open(Path dataDir, Duration snapshotValidity) throws IOException {
        for (String file : new String[]{"registry.db", "minisign.key"}) {
            if (!Files.isRegularFile(dataDir.resolve(file))) {
                throw new IOException(dataDir + " holds no registry (no " + file + "); run `rait-registry serve --data-dir "
                        + dataDir + "` once to create it");
            }
        }
        DataDirectory data = DataDirectory.open(dataDir);
        SnapshotPublisher publisher = new SnapshotPublisher(data.signingKey(new SecureRandom()), snapshotValidity, Clock.systemUTC());
        RegistryStore store = RegistryStore.open(data.database());
        return new LocalRegistry(store, new Curation(store, Publication.immediate(store, publisher), Clock.systemUTC()));
    }

    public Curation curation() {
        return curation;
    }

    /** The nodes' reports, read the way the running registry reads them. */
    public MeshHealth health() {
        return health;
    }

    @Override
    public void close() {
        store.close();
    }
}
