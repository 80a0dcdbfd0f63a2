package org.rait.registry.config;

import org.rait.registry.store.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything `rait-registry serve` can be told. Defaults need nothing else: a data directory, a
 * loopback listener, a self-signed certificate, 7-day snapshots renewed a day before they expire, the
 * SQLite file in the data directory (unless {@code database} names a PostgreSQL database).
 */
public record RegistryConfig(ListenAddress listen, Path dataDir, Optional<Path> tlsCertificate, Optional<Path> tlsPrivateKey,
                             List<String> tlsNames, Duration snapshotValidity, Duration snapshotRenewBefore,
                             Duration clockWindow, int maxBodyBytes, int threads, HttpTimeouts httpTimeouts,
                             Duration publishWindow, Optional<Path> mirrorDir, Optional<Database> database) {
    public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/rait-registry");
    public static final ListenAddress DEFAULT_LISTEN = new ListenAddress("127.0.0.1", 8443);

    /**
     * Request handler threads. A registration holds its thread until the snapshot holding it is served, so
     * this also bounds how many registrations one snapshot can take (16 halved what 32 enrolling clients got done).
     */
    public static final int DEFAULT_THREADS = 64;

    /** Changes within this long of the first waiting one share a snapshot. */
    public static final Duration DEFAULT_PUBLISH_WINDOW = Duration.ofMillis(100);

    public RegistryConfig {
        tlsNames = List.copyOf(tlsNames);
        if (tlsCertificate.isPresent() != tlsPrivateKey.isPresent()) {
            throw new IllegalArgumentException("tls.certificate and tls.private_key go together: set both or neither");
        }
        if (!snapshotRenewBefore.isNegative() && snapshotRenewBefore.compareTo(snapshotValidity) >= 0) {
            throw new IllegalArgumentException("snapshot.renew_before_seconds must be less than snapshot.validity_seconds");
        }
    }

    public static RegistryConfig defaults() {
        return new RegistryConfig(DEFAULT_LISTEN, DEFAULT_DATA_DIR, Optional.empty(), Optional.empty(), List.of(),
                Duration.ofDays(7), Duration.ofDays(1), Duration.ofSeconds(120), 64 * 1024, DEFAULT_THREADS, HttpTimeouts.DEFAULTS, DEFAULT_PUBLISH_WINDOW,
                Optional.empty(), Optional.empty());
    }

    public RegistryConfig withListen(ListenAddress value) {
        return new RegistryConfig(value, dataDir, tlsCertificate, tlsPrivateKey, tlsNames, snapshotValidity,
                snapshotRenewBefore, clockWindow, maxBodyBytes, threads, httpTimeouts, publishWindow, mirrorDir, database);
    }

    public RegistryConfig withHttpTimeouts(HttpTimeouts value) {
        return new RegistryConfig(listen, dataDir, tlsCertificate, tlsPrivateKey, tlsNames, snapshotValidity,
                snapshotRenewBefore, clockWindow, maxBodyBytes, threads, value, publishWindow, mirrorDir, database);
    }

    public RegistryConfig withMirrorDir(Path value) {
        return new RegistryConfig(listen, dataDir, tlsCertificate, tlsPrivateKey, tlsNames, snapshotValidity,
                snapshotRenewBefore, clockWindow, maxBodyBytes, threads, httpTimeouts, publishWindow, Optional.of(value), database);
    }

    public RegistryConfig withDatabase(Database value) {
        return new RegistryConfig(listen, dataDir, tlsCertificate, tlsPrivateKey, tlsNames, snapshotValidity,
                snapshotRenewBefore, clockWindow, maxBodyBytes, threads, httpTimeouts, publishWindow, mirrorDir, Optional.of(value));
    }

    /** The configured database, or else the SQLite file in the data directory. */
    public Database databaseOrDataDirFile() {
        return database.orElseGet(() -> Database.sqlite(DataDirectory.databaseFile(dataDir)));
    }

    public RegistryConfig withDataDir(Path value) {
        return new RegistryConfig(listen, value, tlsCertificate, tlsPrivateKey, tlsNames, snapshotValidity,
                snapshotRenewBefore, clockWindow, maxBodyBytes, threads, httpTimeouts, publishWindow, mirrorDir, database);
    }
}
