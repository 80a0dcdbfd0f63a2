package org.rait.registry;

import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.registration.CertificatePin;
import org.rait.snapshot.Minisign;
import org.rait.registry.config.ListenAddress;
import org.rait.registry.config.RegistryConfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** First start makes the keys with owner-only secrets; a configured PEM certificate is used as given. */
class KeyFilesTest {
    @TempDir
    Path dir;

    @Test
    void firstStartCreatesOwnerOnlySecretsAndKeepsThemAcrossRestarts() throws Exception {
        Path data = dir.resolve("data");
        String signingKey;
        String pin;
        try (RunningRegistry registry = RunningRegistry.start(data)) {
            signingKey = registry.server.signingKey().publicKey().render();
            pin = registry.server.tls().pin().render();
            assertEquals(okhttp3.CertificatePinner.pin(registry.server.tls().leaf()), pin, "the form okhttp's CertificatePinner uses");
        }

        assertEquals("rwx------", mode(data));
        for (String secret : List.of("minisign.key", "registration.key", "tls.key")) {
            assertEquals("rw-------", mode(data.resolve(secret)), secret);
        }
        assertEquals("rw-r--r--", mode(data.resolve("minisign.pub")));
        try (RunningRegistry again = RunningRegistry.start(data)) {
            assertEquals(signingKey, again.server.signingKey().publicKey().render());
            assertEquals(pin, again.server.tls().pin().render());
        }
    }

    @Test
    void theSigningKeyFileIsUsableByMinisignItself() throws Exception {
        Path data = dir.resolve("data");
        RunningRegistry.start(data).close();
        Files.writeString(dir.resolve("note.txt"), "hello\n");

        Minisign.Result signed = Minisign.run(dir, "-S", "-s", data.resolve("minisign.key").toString(), "-m", "note.txt");
        Minisign.Result verified = Minisign.run(dir, "-V", "-p", data.resolve("minisign.pub").toString(), "-m", "note.txt");

        assertEquals(0, signed.exitCode(), signed.output());
        assertEquals(0, verified.exitCode(), verified.output());
    }

    @Test
    void aConfiguredPemCertificateIsServedAndItsPinIsWhatOpensslComputes() throws Exception {
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        exec("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=registry.test", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString());
        String opensslPin = "sha256/" + exec("sh", "-c", "openssl x509 -in " + cert + " -pubkey -noout | openssl pkey -pubin -outform der"
                + " | openssl dgst -sha256 -binary | base64").strip();
        Path data = dir.resolve("data");
        RegistryConfig defaults = RegistryConfig.defaults().withDataDir(data).withListen(new ListenAddress("127.0.0.1", 0));
        RegistryConfig config = new RegistryConfig(defaults.listen(), data, Optional.of(cert), Optional.of(key), List.of(),
                defaults.snapshotValidity(), defaults.snapshotRenewBefore(), defaults.clockWindow(), defaults.maxBodyBytes(),
                defaults.threads(), defaults.httpTimeouts(), defaults.publishWindow(), defaults.mirrorDir(), defaults.database());

        try (RunningRegistry registry = RunningRegistry.start(data, config)) {
            assertEquals(opensslPin, registry.server.tls().pin().render());
            try (Response response = RunningRegistry.pinnedClient(CertificatePin.parse(opensslPin))
                    .newCall(new okhttp3.Request.Builder().url(registry.url("/v1/registration-key")).build()).execute()) {
                assertEquals(200, response.code());
            }
        }
        assertFalse(Files.exists(data.resolve("tls.crt")), "no self-signed certificate when one is configured");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private String exec(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command));
        return out;
    }
}
