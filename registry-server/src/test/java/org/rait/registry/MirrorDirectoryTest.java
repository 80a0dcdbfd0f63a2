package org.rait.registry;

import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.registry.config.ListenAddress;
import org.rait.registry.config.RegistryConfig;
import org.rait.snapshot.MinisignPublicKey;
import org.rait.snapshot.SignatureVerifier;
import org.rait.snapshot.SnapshotFormat;
import org.rait.snapshot.TrustedComment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With [snapshot] mirror_dir, every served snapshot is also a set of plain files any web server can serve. */
class MirrorDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void everyServedSnapshotIsWrittenInBothFormatsWithItsSignature() throws Exception {
        Path data = dir.resolve("data");
        Path mirror = dir.resolve("mirror");
        try (RunningRegistry registry = RunningRegistry.start(data, withMirror(data, mirror))) {
            assertMirrorHoldsServedSnapshot(registry, mirror, data);

            TestNode node = new TestNode("alpha", 50153);
            String token = registry.adminJson("POST", "/v1/admin/enrollment-tokens", java.util.Map.of("uses", 1)).get("token").asText();
            try (Response response = node.register(registry, registry.registrationKey(), token)) {
                assertEquals(201, response.code());
            }
            FetchedSnapshot served = assertMirrorHoldsServedSnapshot(registry, mirror, data);
            assertTrue(served.text().contains(node.key().base64()));
            try (var files = Files.list(mirror)) {
                assertEquals(List.of("peers.conf", "peers.conf.minisig", "peers.toml", "peers.toml.minisig"),
                        files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file left behind");
            }
        }
    }

    private static FetchedSnapshot assertMirrorHoldsServedSnapshot(RunningRegistry registry, Path mirror, Path data) throws Exception {
        MinisignPublicKey key = MinisignPublicKey.parseFile(Files.readString(data.resolve("minisign.pub")));
        FetchedSnapshot block = FetchedSnapshot.fetch(registry, "");
        FetchedSnapshot toml = FetchedSnapshot.fetch(registry, "?format=toml");
        assertArrayEquals(block.body(), Files.readAllBytes(mirror.resolve("peers.conf")));
        assertEquals(block.signature(), Files.readString(mirror.resolve("peers.conf.minisig")));
        assertArrayEquals(toml.body(), Files.readAllBytes(mirror.resolve("peers.toml")));
        assertEquals(toml.signature(), Files.readString(mirror.resolve("peers.toml.minisig")));
        TrustedComment comment = new SignatureVerifier(List.of(key)).verifySnapshot(
                Files.readAllBytes(mirror.resolve("peers.toml")), Files.readString(mirror.resolve("peers.toml.minisig"))).comment();
        assertEquals(block.serial(), comment.serial());
        assertEquals(SnapshotFormat.TOML, comment.format());
        return block;
    }

    static RegistryConfig withMirror(Path data, Path mirror) {
        return RegistryConfig.defaults().withDataDir(data).withListen(new ListenAddress("127.0.0.1", 0)).withMirrorDir(mirror);
    }
}
