package org.rait.deploy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.cli.CliRun;
import org.rait.cli.ExitStatus;
import org.rait.keys.WgKey;
import org.rait.keys.X25519;
import org.rait.registry.config.ListenAddress;
import org.rait.registry.config.RegistryConfig;
import org.rait.registry.http.RegistryServer;
import org.rait.registry.store.Node;
import org.rait.registry.store.NodeState;
import org.rait.registry.store.RegistryStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `rait register` against a real registry on loopback HTTPS. */
class RegisterCommandTest {
    private static final String KEY = "KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=";

    @TempDir
    Path dir;
    RegistryServer registry;
    Path config;

    @BeforeEach
    void start() throws Exception {
        registry = RegistryServer.start(RegistryConfig.defaults().withDataDir(dir.resolve("registry"))
                .withListen(new ListenAddress("127.0.0.1", 0)), Clock.systemUTC());
        config = dir.resolve("rait.conf");
        Files.writeString(config, """
                name = "node-a"
                private_key = "%s"
                transport {
                  address_family = "ip4"
                  send_port = 50153
                  address = "192.0.2.10"
                }
                transport {
                  address_family = "ip6"
                  send_port = 50154
                }
                """.formatted(KEY));
        // as an operator keeps it (rait warns about a rait.conf others can read)
        Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void registerSendsWhatPubPrintsAndTheRegistryStoresItAsPending() throws Exception {
        CliRun run = CliRun.run("", "register", "-c", config.toString(), "--registry", url(), "--pin", registry.tls().pin().render());

        assertEquals(ExitStatus.OK, run.status(), run.err());
        WgKey publicKey = X25519.publicKey(WgKey.parseBase64(KEY));
        assertEquals("registered " + publicKey + " as node-a: pending\n", run.out());
        Node stored = storedNodes().get(0);
        assertEquals(publicKey, stored.publicKey());
        assertEquals(NodeState.PENDING, stored.state());
        CliRun pub = CliRun.run("", "pub", "-c", config.toString(), "-");
        assertEquals(org.rait.configfile.ConfigFiles.parsePeers(pub.out(), "pub").peers().get(0), stored.asPeer());
    }

    @Test
    void withoutAPinASelfSignedRegistryIsNotTrusted() throws Exception {
        CliRun run = CliRun.run("", "register", "-c", config.toString(), "--registry", url());

        assertEquals(ExitStatus.FAILED, run.status());
        assertTrue(run.err().startsWith("rait: cannot reach the registry at " + url() + "/v1/registration-key"), run.err());
        assertTrue(run.err().contains("--tls-pin " + registry.tls().pin().render()), "prints the pin to use: " + run.err());
        assertTrue(!run.err().contains("PKIX"), "no raw trace: " + run.err());
        assertEquals(List.of(), storedNodes());
    }

    @Test
    void aConfigWithoutANameIsAUsageProblem() throws Exception {
        Files.writeString(config, Files.readString(config).replace("name = \"node-a\"\n", ""));

        CliRun run = CliRun.run("", "register", "-c", config.toString(), "--registry", url(), "--pin", registry.tls().pin().render());

        assertEquals(ExitStatus.USAGE, run.status());
        assertTrue(run.err().contains("needs a node name"), run.err());
    }

    private String url() {
        return "https://127.0.0.1:" + registry.port();
    }

    private List<Node> storedNodes() {
        try (RegistryStore store = RegistryStore.open(dir.resolve("registry/registry.db"))) {
            return store.transaction(tx -> tx.nodes().list(Optional.empty()));
        }
    }
}
