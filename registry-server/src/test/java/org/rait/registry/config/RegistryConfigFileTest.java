package org.rait.registry.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
                Optional.empty()), config);
    }

    @Test
    void anUnknownKeyIsNamedWithLineAndColumn() {
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryConfigFile.parse("""
                listen = "127.0.0.1:8443"
                [snapshot]
                validity = 5
                """, "registry.toml"));

        assertEquals("registry.toml:3:1: snapshot.validity: unknown key", e.getMessage().substring(0, e.getMessage().indexOf(" (")));
    }

    @Test
    void aWrongTypeIsNamedWithLineAndColumn() {
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryConfigFile.parse("""
                [http]
                threads = "many"
                """, "registry.toml"));

        assertEquals("registry.toml:2:1: http.threads: must be an integer", e.getMessage());
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryConfigFile.parse("""
                [tls]
                certificate = "/etc/tls.crt"
                """, "registry.toml"));

        assertEquals("registry.toml: tls.certificate and tls.private_key go together: set both or neither", e.getMessage());
    }

    @Test
    void aNumberOutOfRangeIsNamedWithItsRange() {
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryConfigFile.parse("""
                [registration]
                clock_window_seconds = 0
                """, "registry.toml"));

        assertEquals("registry.toml:2:1: registration.clock_window_seconds: must be 1-3600, got 0", e.getMessage());
    }

    @Test
    void aListenAddressWithoutPortIsRefused() {
        assertThrows(ConfigException.class, () -> RegistryConfigFile.parse("listen = \"localhost\"\n", "registry.toml"));
    }
}
