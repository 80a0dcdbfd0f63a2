package org.rait.registry;

import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.configfile.ConfigFiles;
import org.rait.keys.WgKey;
import org.rait.peers.Peer;
import org.rait.snapshot.MinisignPublicKey;
import org.rait.snapshot.MinisignSecretKey;
import org.rait.snapshot.TrustedComment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rait.registry.config.ListenAddress;
import org.rait.registry.config.RegistryConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotPublishingTest {
    @TempDir
    Path dir;
    RunningRegistry registry;
    MinisignPublicKey publicKey;

    @BeforeEach
    void start() throws Exception {
        registry = RunningRegistry.start(dir.resolve("data"));
        publicKey = MinisignPublicKey.parseFile(Files.readString(dir.resolve("data/minisign.pub")));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void aPendingNodeIsAbsentApprovingAddsItRevokingRemovesItEachWithANewSerial() throws Exception {
        FetchedSnapshot empty = FetchedSnapshot.fetch(registry, "");
        TestNode node = new TestNode("alpha", 50153);
        try (Response response = node.register(registry, registry.registrationKey(), null)) {
            assertEquals(201, response.code());
        }

        FetchedSnapshot pending = FetchedSnapshot.fetch(registry, "");
        assertEquals(empty.serial(), pending.serial(), "a pending node changes nothing published");
        assertFalse(pending.text().contains(node.key().base64()));

        registry.adminJson("POST", "/v1/admin/nodes/" + RunningRegistry.keyPath(node.key()) + "/approve", null);
        FetchedSnapshot approved = FetchedSnapshot.fetch(registry, "");
        assertEquals(empty.serial() + 1, approved.serial());
        assertEquals(List.of(new Peer(node.key(), "alpha", List.of(new org.rait.peers.Endpoint(
                org.rait.config.AddressFamily.IP4, 50153, "192.0.2.1")))), ConfigFiles.parsePeers(approved.text(), "peers.conf").peers());

        registry.adminJson("POST", "/v1/admin/nodes/" + RunningRegistry.keyPath(node.key()) + "/revoke", null);
        FetchedSnapshot revoked = FetchedSnapshot.fetch(registry, "");
        assertEquals(approved.serial() + 1, revoked.serial());
        assertFalse(revoked.text().contains(node.key().base64()));

        for (FetchedSnapshot snapshot : List.of(empty, approved, revoked)) {
            TrustedComment comment = TrustedComment.parse(snapshot.verifiedByMinisign(publicKey, dir));
            assertEquals(snapshot.serial(), comment.serial());
            assertTrue(comment.expires().isAfter(Instant.now().plus(Duration.ofDays(6))), "expires about 7 days ahead");
        }
    }

    @Test
    void minisignQuietModeShowsSerialExpiryAndFormat() throws Exception {
        FetchedSnapshot snapshot = FetchedSnapshot.fetch(registry, "");

        String comment = snapshot.verifiedByMinisign(publicKey, dir);

        assertTrue(comment.matches("serial:" + snapshot.serial() + " expires:\\d+ format:block"), comment);
    }

    @Test
    void pollingWithTheEtagGets304UntilSomethingChanges() throws Exception {
        FetchedSnapshot first = FetchedSnapshot.fetch(registry, "");
        try (Response body = registry.get("/peers.conf", Map.of("If-None-Match", first.bodyEtag()));
             Response signature = registry.get("/peers.conf.minisig", Map.of("If-None-Match", first.signatureEtag()))) {
            assertEquals(304, body.code());
            assertEquals(304, signature.code());
            assertEquals(Long.toString(first.serial()), body.header("X-Rait-Serial"));
        }

        approveNewNode("beta", 50200);

        try (Response body = registry.get("/peers.conf", Map.of("If-None-Match", first.bodyEtag()))) {
            assertEquals(200, body.code());
            assertFalse(first.bodyEtag().equals(body.header("ETag")));
        }
    }

    @Test
    void tomlIsServedOnRequestAndSignedAsToml() throws Exception {
        approveNewNode("gamma", 50300);

        FetchedSnapshot byQuery = FetchedSnapshot.fetch(registry, "?format=toml");
        try (Response byAccept = registry.get("/peers.conf", Map.of("Accept", "application/toml"))) {
            assertEquals(byQuery.text(), byAccept.body().string());
            assertTrue(byAccept.header("Content-Type").startsWith("application/toml"));
        }
        assertTrue(byQuery.text().contains("[[peers]]"), byQuery.text());
        assertEquals(1, ConfigFiles.parsePeers(byQuery.text(), "peers.toml").peers().size());
        assertTrue(byQuery.verifiedByMinisign(publicKey, dir).endsWith("format:toml"));
        assertFalse(byQuery.bodyEtag().equals(FetchedSnapshot.fetch(registry, "").bodyEtag()), "one ETag per rendering");
    }

    @Test
    void peersAreSortedByPublicKey() throws Exception {
        for (int i = 0; i < 5; i++) {
            approveNewNode("n" + i, 51000 + i);
        }

        List<WgKey> keys = ConfigFiles.parsePeers(FetchedSnapshot.fetch(registry, "").text(), "peers.conf").peers().stream()
                .map(Peer::publicKey).toList();

        assertEquals(keys.stream().sorted().toList(), keys);
        assertEquals(5, keys.size());
    }

    @Test
    void aRestartServesTheSameSnapshotAndNeverAnOlderSerial() throws Exception {
        approveNewNode("delta", 50400);
        FetchedSnapshot before = FetchedSnapshot.fetch(registry, "");
        registry.close();

        registry = RunningRegistry.start(dir.resolve("data"));
        FetchedSnapshot after = FetchedSnapshot.fetch(registry, "");

        assertEquals(before.serial(), after.serial());
        assertEquals(before.signature(), after.signature());
    }

    @Test
    void aSnapshotDueForRenewalIsResignedWithANewSerialAndExpiry() throws Exception {
        registry.close();
        // One-hour snapshots renewed when less than 59:59 is left: due one second after they are made.
        Path data = dir.resolve("renewing");
        RegistryConfig defaults = RegistryConfig.defaults().withDataDir(data).withListen(new ListenAddress("127.0.0.1", 0));
        registry = RunningRegistry.start(data, new RegistryConfig(defaults.listen(), data, Optional.empty(), Optional.empty(),
                List.of(), Duration.ofHours(1), Duration.ofMinutes(59).plusSeconds(59), defaults.clockWindow(),
                defaults.maxBodyBytes(), defaults.threads(), defaults.httpTimeouts(), defaults.publishWindow(), defaults.mirrorDir(),
                defaults.database()));
        MinisignPublicKey key = MinisignPublicKey.parseFile(Files.readString(data.resolve("minisign.pub")));
        FetchedSnapshot first = FetchedSnapshot.fetch(registry, "");

        Thread.sleep(1100);
        assertTrue(registry.server.renewal().renewIfDue().isPresent());
        FetchedSnapshot renewed = FetchedSnapshot.fetch(registry, "");

        assertEquals(first.serial() + 1, renewed.serial());
        assertEquals(first.text(), renewed.text());
        assertTrue(TrustedComment.parse(renewed.verifiedByMinisign(key, dir)).expires()
                .isAfter(TrustedComment.parse(first.verifiedByMinisign(key, dir)).expires()));
    }

    @Test
    void aNewSigningKeyResignsTheStoredSnapshotAtStartWithTheNextSerial() throws Exception {
        FetchedSnapshot before = FetchedSnapshot.fetch(registry, "");
        registry.close();
        MinisignSecretKey rotated = MinisignSecretKey.generate(new java.security.SecureRandom());
        Files.writeString(dir.resolve("data/minisign.key"), rotated.renderFile());

        registry = RunningRegistry.start(dir.resolve("data"));
        FetchedSnapshot after = FetchedSnapshot.fetch(registry, "");

        assertEquals(before.serial() + 1, after.serial());
        assertEquals("serial:" + after.serial(), after.verifiedByMinisign(rotated.publicKey(), dir).split(" ")[0]);
    }

    @Test
    void aSnapshotNotYetDueIsNotResigned() throws Exception {
        FetchedSnapshot first = FetchedSnapshot.fetch(registry, "");

        assertTrue(registry.server.renewal().renewIfDue().isEmpty());
        assertEquals(first.serial(), FetchedSnapshot.fetch(registry, "").serial());
    }

    private void approveNewNode(String name, int port) throws Exception {
        TestNode node = new TestNode(name, port);
        try (Response response = node.register(registry, registry.registrationKey(), null)) {
            assertEquals(201, response.code(), response.body().string());
        }
        registry.adminJson("POST", "/v1/admin/nodes/" + RunningRegistry.keyPath(node.key()) + "/approve", null);
    }
}
