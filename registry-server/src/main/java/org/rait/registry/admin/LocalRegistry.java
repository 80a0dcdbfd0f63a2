package org.rait.registry.admin;

import org.rait.registry.config.DataDirectory;
import org.rait.registry.health.MeshHealth;
import org.rait.registry.nodes.Curation;
import org.rait.registry.snapshot.Publication;
import org.rait.registry.snapshot.SnapshotPublisher;
import org.rait.registry.store.Database;
import org.rait.registry.store.RegistryStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A registry's data directory on this host, opened for curation without going through its server
 * (which may be stopped, or running: the database serialises the writers, and a running server serves the
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

    /**
     * Opens an existing registry: its data directory (for the signing key) and its database. A directory without
     * its signing key, or without its SQLite file when that is the database, is refused, never initialised.
     */
    public static LocalRegistry open(Path dataDir, Database database, Duration snapshotValidity) throws IOException {
        List<Path> needed = new ArrayList<>(List.of(dataDir.resolve("minisign.key")));
        if (database instanceof Database.Sqlite sqlite) needed.add(0, sqlite.file());
        for (Path file : needed) {
            if (!Files.isRegularFile(file)) {
                throw new IOException(dataDir + " holds no registry (no " + file.getFileName() + "); run `rait-registry serve --data-dir "
                        + dataDir + "` once to create it");
            }
        }
        DataDirectory data = DataDirectory.open(dataDir);
        SnapshotPublisher publisher = new SnapshotPublisher(data.signingKey(new SecureRandom()), snapshotValidity, Clock.systemUTC());
        RegistryStore store = RegistryStore.open(database);
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
