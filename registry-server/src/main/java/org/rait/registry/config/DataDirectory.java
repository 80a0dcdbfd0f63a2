package org.rait.registry.config;

import org.rait.keys.WgKey;
import org.rait.log.EventLog;
import org.rait.registration.RegistrationKey;
import org.rait.registry.tls.PemFiles;
import org.rait.registry.tls.SelfSignedCertificate;
import org.rait.registry.tls.TlsIdentity;
import org.rait.snapshot.MinisignSecretKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;

/**
 * The registry's data directory (0700): the database and the keys, made on first start.
 * <ul>
 *   <li>registry.db: SQLite database (unless the registry uses PostgreSQL)</li>
 *   <li>minisign.key (0600, minisign's unencrypted secret-key file) and minisign.pub</li>
 *   <li>registration.key (0600): the X25519 registration private key, base64 on one line</li>
 *   <li>tls.crt and tls.key (0600): the self-signed certificate, when none is configured</li>
 * </ul>
 */
public final class DataDirectory {
    private final Path dir;

    private DataDirectory(Path dir) {
        this.dir = dir;
    }

    public static DataDirectory open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return new DataDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    public Path database() {
        return databaseFile(dir);
    }

    /** Where the SQLite database of a data directory is. */
    public static Path databaseFile(Path dataDir) {
        return dataDir.resolve("registry.db");
    }

    public Path signingPublicKeyFile() {
        return dir.resolve("minisign.pub");
    }

    /** Whether minisign.key is there; when not, {@link #signingKey} generates one. */
    public boolean hasSigningKey() {
        return Files.exists(dir.resolve("minisign.key"));
    }

    /**
     * Removes a signing key this start generated and may not use (the database's snapshots are signed by
     * another key): the next start must refuse again until the right key file is installed, not take it.
     */
    public void forgetGeneratedSigningKey() throws IOException {
        Files.deleteIfExists(dir.resolve("minisign.key"));
        Files.deleteIfExists(signingPublicKeyFile());
    }

    public MinisignSecretKey signingKey(SecureRandom random) throws IOException {
        Path file = dir.resolve("minisign.key");
        if (Files.exists(file)) {
            try {
                return MinisignSecretKey.parseFile(Files.readString(file));
            } catch (RuntimeException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
        MinisignSecretKey key = MinisignSecretKey.generate(random);
        SecretFile.writeSecret(file, key.renderFile());
        SecretFile.writePublic(signingPublicKeyFile(), key.publicKey().renderFile());
        EventLog.stderr().info("key_created", "kind", "minisign", "file", file, "key_id", key.keyId());
        return key;
    }

    public RegistrationKey registrationKey(SecureRandom random) throws IOException {
        Path file = dir.resolve("registration.key");
        if (Files.exists(file)) {
            try {
                return new RegistrationKey(WgKey.parseBase64(Files.readString(file)));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": not an X25519 key: " + e.getMessage(), e);
            }
        }
        RegistrationKey key = RegistrationKey.generate(random);
        SecretFile.writeSecret(file, key.renderPrivate() + "\n");
        EventLog.stderr().info("key_created", "kind", "registration", "file", file, "public_key", key.publicKey());
        return key;
    }

    /** The self-signed identity in this directory, made for these names when missing. */
    public TlsIdentity selfSignedTls(List<String> names, SecureRandom random) throws IOException {
        Path certificate = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        if (Files.exists(certificate) && Files.exists(key)) {
            return PemFiles.read(certificate, key);
        }
        TlsIdentity identity;
        try {
            identity = SelfSignedCertificate.create(names, random);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create a self-signed certificate: " + e.getMessage(), e);
        }
        SecretFile.writeSecret(key, PemFiles.privateKey(identity.privateKey()));
        SecretFile.writePublic(certificate, PemFiles.certificates(identity.chain()));
        EventLog.stderr().info("key_created", "kind", "tls", "file", certificate, "pin", identity.pin());
        return identity;
    }
}
