package org.rait.registry.config;

import org.rait.configfile.ConfigException;
import org.rait.configfile.ConfigFiles;
import org.rait.configfile.TableBinding;
import org.rait.registry.store.Database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the registry's config file with rait.conf's parsers and binding: every problem is reported with
 * file:line:column and the dotted key, unknown keys included; a key that is absent keeps its default.
 * <pre>
 * listen = "127.0.0.1:8443"
 * data_dir = "/var/lib/rait-registry"
 * database = "postgresql://HOST[:PORT]/DATABASE?user=NAME"   (absent: registry.db, SQLite, in data_dir)
 * database_password_file = "/etc/rait-registry/database.password"   ($RAIT_REGISTRY_DATABASE_PASSWORD wins)
 * [tls]            certificate, private_key (PEM paths), names (extra names for the self-signed one)
 * [snapshot]       validity_seconds, renew_before_seconds, publish_window_ms, mirror_dir
 * [registration]   clock_window_seconds
 * [http]           max_body_bytes, threads, idle_timeout_seconds, header_timeout_seconds
 * </pre>
 */
public final class RegistryConfigFile {
    /** The environment variable that may hold the PostgreSQL password when no database_password_file is set. */
    public static final String PASSWORD_VARIABLE = "RAIT_REGISTRY_DATABASE_PASSWORD";
    private static final long YEAR_SECONDS = 365 * 86400L;

    private RegistryConfigFile() {
    }

    /** The file's settings; IOException when it cannot be read, ConfigException naming every problem in it. */
    public static RegistryConfig read(Path file) throws IOException, ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return ConfigFiles.bind(bytes, file.toString(), top -> bind(top, System.getenv()));
    }

    public static RegistryConfig parse(String text, String source) throws ConfigException {
        return parse(text, source, System.getenv());
    }

    /** With {@code environment} in place of the process's (where the database password may be). */
    public static RegistryConfig parse(String text, String source, Map<String, String> environment) throws ConfigException {
        return ConfigFiles.bind(text, source, top -> bind(top, environment));
    }

    /** Null when a problem was recorded. */
    private static RegistryConfig bind(TableBinding top, Map<String, String> environment) {
        RegistryConfig d = RegistryConfig.defaults();
        ListenAddress listen = top.choice("listen", d.listen(), ListenAddress::parse);
        String dataDir = top.string("data_dir", d.dataDir().toString());
        Optional<Database> database = database(top, environment);

        TableBinding tls = top.section("tls");
        String certificate = tls.string("certificate", "");
        String privateKey = tls.string("private_key", "");
        List<String> names = tls.strings("names");
        if (certificate != null && privateKey != null && certificate.isEmpty() != privateKey.isEmpty()) {
            tls.problem(certificate.isEmpty() ? "private_key" : "certificate",
                    "tls.certificate and tls.private_key go together: set both or neither");
            certificate = null;
        }
        tls.rejectUnknownKeysListingKnown();

        TableBinding snapshot = top.section("snapshot");
        Long validity = snapshot.integer("validity_seconds", d.snapshotValidity().toSeconds(), 60, YEAR_SECONDS);
        Long renewBefore = snapshot.integer("renew_before_seconds", d.snapshotRenewBefore().toSeconds(), 1, YEAR_SECONDS);
        if (validity != null && renewBefore != null && renewBefore >= validity) {
            snapshot.problem("renew_before_seconds", "must be less than snapshot.validity_seconds (" + validity + ")");
            renewBefore = null;
        }
        Long publishWindow = snapshot.integer("publish_window_ms", d.publishWindow().toMillis(), 0, 5000);
        String mirrorDir = snapshot.string("mirror_dir", "");
        snapshot.rejectUnknownKeysListingKnown();

        TableBinding registration = top.section("registration");
        Long clockWindow = registration.integer("clock_window_seconds", d.clockWindow().toSeconds(), 1, 3600);
        registration.rejectUnknownKeysListingKnown();

        TableBinding http = top.section("http");
        Long maxBodyBytes = http.integer("max_body_bytes", d.maxBodyBytes(), 1024, 16 * 1024 * 1024);
        Long threads = http.integer("threads", d.threads(), 1, 512);
        Long idleTimeout = http.integer("idle_timeout_seconds", d.httpTimeouts().idle().toSeconds(), 1, 3600);
        Long headerTimeout = http.integer("header_timeout_seconds", d.httpTimeouts().header().toSeconds(), 1, 3600);
        http.rejectUnknownKeysListingKnown();

        top.rejectUnknownKeysListingKnown();
        if (listen == null || dataDir == null || certificate == null || privateKey == null || names == null
                || validity == null || renewBefore == null || clockWindow == null || maxBodyBytes == null || threads == null
                || idleTimeout == null || headerTimeout == null || publishWindow == null || mirrorDir == null || database == null) {
            return null;
        }
        return new RegistryConfig(listen, Path.of(dataDir), path(certificate), path(privateKey), names,
                Duration.ofSeconds(validity), Duration.ofSeconds(renewBefore), Duration.ofSeconds(clockWindow),
                maxBodyBytes.intValue(), threads.intValue(),
                new HttpTimeouts(Duration.ofSeconds(idleTimeout), Duration.ofSeconds(headerTimeout)),
                Duration.ofMillis(publishWindow), path(mirrorDir), database);
    }

    /**
     * database and database_password_file: empty for the SQLite default, null when a problem was recorded. The
     * password is read here, so a missing or unreadable file is reported at its key, before anything starts.
     */
    private static Optional<Database> database(TableBinding top, Map<String, String> environment) {
        String address = top.string("database", "");
        String passwordFile = top.string("database_password_file", "");
        if (address == null || passwordFile == null) return null;
        if (address.isEmpty()) {
            if (!passwordFile.isEmpty()) {
                top.problem("database_password_file", "is for a PostgreSQL database, and no database is set");
                return null;
            }
            return Optional.empty();
        }
        // The environment wins: an admin command on the host can run with the service's config file,
        // whose password file (a systemd credential) only the service can read.
        Optional<String> password = Optional.ofNullable(environment.get(PASSWORD_VARIABLE)).filter(p -> !p.isEmpty());
        if (password.isEmpty() && !passwordFile.isEmpty()) {
            password = readPassword(top, Path.of(passwordFile));
        }
        Database database;
        try {
            // Checked also when the password file failed: every problem of the file is reported at once.
            database = Database.postgresql(address, password == null ? Optional.empty() : password);
        } catch (IllegalArgumentException e) {
            top.problem("database", e.getMessage());
            return null;
        }
        return password == null ? null : Optional.of(database);
    }

    /** The file's first line; null (problem recorded) when it cannot be read or is empty. */
    private static Optional<String> readPassword(TableBinding top, Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            top.problem("database_password_file", "cannot read " + file + ": no such file");
            return null;
        } catch (IOException e) {
            top.problem("database_password_file", "cannot read " + file + ": " + e.getMessage());
            return null;
        }
        String password = text.lines().findFirst().orElse("");
        if (password.isEmpty()) {
            top.problem("database_password_file", file + " is empty; its first line is the password");
            return null;
        }
        return Optional.of(password);
    }

    /** "" is "not set". */
    private static Optional<Path> path(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(Path.of(text));
    }
}
