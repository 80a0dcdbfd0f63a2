package org.rait.registry.config;

import org.junit.jupiter.api.Test;
import org.rait.configfile.ConfigException;
import org.rait.configfile.ConfigProblem;
import org.rait.registry.store.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RegistryConfigFileTest {
    @Test
    void anEmptyFileMeansTheDefaults() throws Exception {
        assertEquals(RegistryConfig.defaults(), RegistryConfigFile.parse("", "registry.toml"));
    }

    @Test
    void theShippedExampleStatesTheDefaults() throws Exception {
        RegistryConfig example = RegistryConfigFile.read(Path.of("../deploy/examples/registry.toml"));

        assertEquals(RegistryConfig.defaults(), example);
    }

    @Test
    void everyKeyIsRead() throws Exception {
        RegistryConfig config = RegistryConfigFile.parse("""
                listen = "[::1]:9443"
                data_dir = "/srv/registry"
                [tls]
                certificate = "/etc/rait-registry/tls.crt"
                private_key = "/etc/rait-registry/tls.key"
                names = ["registry.example.net"]
                [snapshot]
                validity_seconds = 86400
                renew_before_seconds = 3600
                [registration]
                clock_window_seconds = 60
                [http]
                max_body_bytes = 4096
                threads = 4
                idle_timeout_seconds = 20
                header_timeout_seconds = 5
                """, "registry.toml");

        assertEquals(new RegistryConfig(new ListenAddress("::1", 9443), Path.of("/srv/registry"),
                Optional.of(Path.of("/etc/rait-registry/tls.crt")), Optional.of(Path.of("/etc/rait-registry/tls.key")),
                List.of("registry.example.net"), Duration.ofDays(1), Duration.ofHours(1), Duration.ofSeconds(60), 4096, 4,
                new HttpTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(5)), RegistryConfig.DEFAULT_PUBLISH_WINDOW,
                Optional.empty(), Optional.empty()), config);
    }

    @Test
    void anUnknownKeyIsNamedWithLineAndColumn() {
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryConfigFile.parse("""
                listen = "127.0.0.1:8443"
                [snapshot]
                validity = 5
                """, "registry.toml"));

        assertEquals("registry.toml:3:1: snapshot.validity: unknown key", e.getMessage().substring(0, e.getMessage().indexOf(" (")));
        assertEquals("registry.toml:3:1: snapshot.validity: unknown key (known here: mirror_dir, publish_window_ms, renew_before_seconds, validity_seconds)",
                e.getMessage());
    }

    @Test
    void aWrongTypeIsNamedWithLineAndColumn() {
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryConfigFile.parse("""
                [http]
                threads = "many"
                """, "registry.toml"));

        assertEquals("registry.toml:2:1: http.threads: must be an integer, got a string", e.getMessage());
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryConfigFile.parse("""
                [tls]
                certificate = "/etc/tls.crt"
                """, "registry.toml"));

        assertEquals("registry.toml:2:1: tls.certificate: tls.certificate and tls.private_key go together: set both or neither",
                e.getMessage());
    }

    @Test
    void aNumberOutOfRangeIsNamedWithItsRange() {
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryConfigFile.parse("""
                [registration]
                clock_window_seconds = 0
                """, "registry.toml"));

        assertEquals("registry.toml:2:1: registration.clock_window_seconds: must be between 1 and 3600, got 0", e.getMessage());
    }

    @Test
    void aListenAddressWithoutPortIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> RegistryConfigFile.parse("data_dir = \"/srv\"\nlisten = \"localhost\"\n", "registry.toml"));

        assertEquals("registry.toml:2:1: listen: address must be HOST:PORT or [IPV6]:PORT, got 'localhost'", e.getMessage());
    }

    @Test
    void everyProblemOfTheFileIsReportedInFileOrder() {
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryConfigFile.parse("""
                listen = 8443
                colour = "blue"
                [snapshot]
                validity_seconds = 3600
                renew_before_seconds = 7200
                [http]
                threads = 0
                """, "/etc/rait/registry.toml"));

        assertEquals(List.of(
                "/etc/rait/registry.toml:1:1: listen: must be a string, got an integer",
                "/etc/rait/registry.toml:2:1: colour: unknown key (known here: data_dir, database, database_password_file, http, listen, "
                        + "registration, snapshot, tls)",
                "/etc/rait/registry.toml:5:1: snapshot.renew_before_seconds: must be less than snapshot.validity_seconds (3600)",
                "/etc/rait/registry.toml:7:1: http.threads: must be between 1 and 512, got 0"),
                e.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void aSectionThatIsNotATableIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryConfigFile.parse("tls = \"/etc/tls\"\n", "registry.toml"));

        assertEquals("registry.toml:1:1: tls: must be a block, got a string", e.getMessage());
    }

    @Test
    void anUnreadableFileIsAnIoErrorNamingIt(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path missing = dir.resolve("registry.toml");

        java.io.IOException e = assertThrows(java.io.IOException.class, () -> RegistryConfigFile.read(missing));

        assertEquals("cannot read " + missing + ": no such file", e.getMessage());
    }

    @Test
    void aPostgresqlDatabaseTakesItsPasswordFromTheFileNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path password = dir.resolve("database.password");
        java.nio.file.Files.writeString(password, "s3cret\n");

        RegistryConfig config = RegistryConfigFile.parse("database = \"postgresql://db.example.net:5433/rait?user=rait\"\n"
                + "database_password_file = \"" + password + "\"\n", "registry.toml", Map.of());

        assertEquals(Optional.of(Database.postgresql("postgresql://db.example.net:5433/rait?user=rait", Optional.of("s3cret"))),
                config.database());
        assertFalse(config.toString().contains("s3cret"), config.toString());
    }

    @Test
    void thePasswordInTheEnvironmentWinsSoThatTheFileIsNotRead(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String text = "database = \"postgresql://127.0.0.1/rait?user=rait\"\n"
                + "database_password_file = \"" + dir.resolve("only-the-service-can-read-this") + "\"\n";

        assertEquals(Optional.of("from-env"), postgresql(RegistryConfigFile.parse(text, "registry.toml",
                Map.of(RegistryConfigFile.PASSWORD_VARIABLE, "from-env"))).password());
    }

    @Test
    void withoutAPasswordFileThePasswordComesFromTheEnvironment() throws Exception {
        String text = "database = \"postgresql://127.0.0.1/rait?user=rait\"\n";

        assertEquals(Optional.of("from-env"), postgresql(RegistryConfigFile.parse(text, "registry.toml",
                Map.of(RegistryConfigFile.PASSWORD_VARIABLE, "from-env"))).password());
        assertEquals(Optional.empty(), postgresql(RegistryConfigFile.parse(text, "registry.toml", Map.of())).password());
    }

    @Test
    void withoutADatabaseTheSqliteFileInTheDataDirectoryIsUsed() throws Exception {
        RegistryConfig config = RegistryConfigFile.parse("data_dir = \"/srv/registry\"\n", "registry.toml");

        assertEquals(Database.sqlite(Path.of("/srv/registry/registry.db")), config.databaseOrDataDirFile());
    }

    @Test
    void aDatabaseThatIsNotAPostgresqlAddressIsNamedWithLineAndColumn() {
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryConfigFile.parse(
                "listen = \"127.0.0.1:8443\"\ndatabase = \"mysql://db/rait\"\n", "registry.toml"));

        assertEquals("registry.toml:2:1: database: must be a postgresql://HOST[:PORT]/DATABASE?user=NAME address (leave it out "
                + "for the SQLite file in data_dir), got 'mysql://db/rait'", e.getMessage());
    }

    @Test
    void aPasswordInTheAddressIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryConfigFile.parse(
                "database = \"postgresql://db/rait?user=rait&password=hunter2\"\n", "registry.toml"));

        assertEquals("registry.toml:1:1: database: the address must not hold the password: put it in database_password_file "
                + "or the environment variable RAIT_REGISTRY_DATABASE_PASSWORD", e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void aMissingOrEmptyPasswordFileIsNamedAtItsKey(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        Path empty = java.nio.file.Files.writeString(dir.resolve("empty"), "");
        String database = "database = \"postgresql://db/rait?user=rait\"\n";

        ConfigException noFile = assertThrows(ConfigException.class, () -> RegistryConfigFile.parse(
                database + "database_password_file = \"" + missing + "\"\n", "registry.toml", Map.of()));
        ConfigException emptyFile = assertThrows(ConfigException.class, () -> RegistryConfigFile.parse(
                database + "database_password_file = \"" + empty + "\"\n", "registry.toml", Map.of()));
        ConfigException noDatabase = assertThrows(ConfigException.class, () -> RegistryConfigFile.parse(
                "database_password_file = \"" + empty + "\"\n", "registry.toml", Map.of()));

        assertEquals("registry.toml:2:1: database_password_file: cannot read " + missing + ": no such file", noFile.getMessage());
        assertEquals("registry.toml:2:1: database_password_file: " + empty + " is empty; its first line is the password",
                emptyFile.getMessage());
        assertEquals("registry.toml:1:1: database_password_file: is for a PostgreSQL database, and no database is set",
                noDatabase.getMessage());
    }

    @Test
    void aBadAddressAndAMissingPasswordFileAreBothReported() {
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryConfigFile.parse(
                "database = \"postgresql://db/rait?user=rait&password=x\"\ndatabase_password_file = \"/nonexistent/pw\"\n",
                "registry.toml", Map.of()));

        assertEquals(List.of("registry.toml:1:1: database: the address must not hold the password: put it in database_password_file "
                        + "or the environment variable RAIT_REGISTRY_DATABASE_PASSWORD",
                "registry.toml:2:1: database_password_file: cannot read /nonexistent/pw: no such file"),
                e.problems().stream().map(ConfigProblem::toString).toList());
    }

    private static Database.Postgresql postgresql(RegistryConfig config) {
        return (Database.Postgresql) config.database().orElseThrow();
    }
}
