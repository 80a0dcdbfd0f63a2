package org.rait.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.config.RaitConfig;
import org.rait.state.CachedSnapshot;
import org.rait.state.StateDirectory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** `rait ping` and `rait status` name peers from the list this configuration follows, never another's. */
class AppliedPeersTest {
    private static final String KEY_A = "5q1HDxrH29mQGy/CIhHtNEOn+6LRxh9HeJzQQeFTEVc=";
    private static final String KEY_B = "KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=";

    @TempDir
    Path dir;

    @Test
    void aSnapshotCachedFromAnotherSourceInASharedStateDirectoryIsIgnored() throws Exception {
        Files.writeString(dir.resolve("peers.conf"), peer(KEY_A, "node2"));
        new StateDirectory(dir.resolve("state")).storeSnapshot(cached("https://elsewhere.example/peers.conf", peer(KEY_B, "stranger")));

        RaitConfig config = RaitFiles.config(conf("\"" + dir.resolve("peers.conf") + "\"").toString());

        assertEquals(List.of("node2"), RaitFiles.appliedPeers(config).peers().stream().map(p -> p.name()).toList());
    }

    @Test
    void aSnapshotCachedFromThisConfigurationsRegistryIsTheAppliedList() throws Exception {
        String url = "https://registry.example/peers.conf";
        new StateDirectory(dir.resolve("state")).storeSnapshot(cached(url, peer(KEY_B, "node3")));

        RaitConfig config = RaitFiles.config(conf("\"" + url + "\"").toString());

        assertEquals(List.of("node3"), RaitFiles.appliedPeers(config).peers().stream().map(p -> p.name()).toList());
    }

    private Path conf(String peers) throws Exception {
        Path conf = dir.resolve("rait.conf");
        Files.writeString(conf, String.join("\n",
                "private_key = \"KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=\"",
                "peers = " + peers,
                "agent { state_dir = \"" + dir.resolve("state") + "\" }", ""));
        return conf;
    }

    private static String peer(String key, String name) {
        return "peers {\n  public_key = \"" + key + "\"\n  name = \"" + name + "\"\n  endpoint {\n    address_family = \"ip4\"\n    send_port = 50153\n  }\n}\n";
    }

    private static CachedSnapshot cached(String url, String body) {
        return new CachedSnapshot(url, body.getBytes(StandardCharsets.UTF_8), Optional.empty(), Optional.empty(), Instant.now());
    }
}
