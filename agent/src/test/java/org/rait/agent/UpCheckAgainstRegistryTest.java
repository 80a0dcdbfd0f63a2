package org.rait.agent;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rait.cli.CliRun;
import org.rait.keys.X25519;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's quick start: `rait up --check` on a node whose peers is the registry's URL. It fetches and verifies exactly
 * as the agent does, prints the plan and the recap it would give, and writes nothing (no root needed: it creates no
 * namespace and takes no lock).
 */
class UpCheckAgainstRegistryTest {
    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    private final Registry signer = new Registry();
    private final String target = "raitt-upcheck-" + ProcessHandle.current().pid();

    private Path config(String trustedKey) throws IOException {
        Path config = dir.resolve("rait.conf");
        Files.writeString(config, String.join("\n",
                "private_key = \"" + X25519.generatePrivateKey().base64() + "\"",
                "peers = \"" + registry.baseUrl() + "/peers.conf\"",
                "runtime_dir = \"" + dir.resolve("run") + "\"",
                "transport {", "address_family = \"ip6\"", "send_port = 50999", "ifprefix = \"rait6x\"", "}",
                "isolation {", "target = \"" + target + "\"", "}",
                "agent {", "trusted_keys = [\"" + trustedKey + "\"]", "state_dir = \"" + dir.resolve("state") + "\"", "}",
                ""));
        return config;
    }

    private void publish(Registry.Signed s) {
        registry.stubFor(get("/peers.conf").willReturn(ok().withBody(s.body()).withHeader("ETag", "\"" + s.serial() + "\"")));
        registry.stubFor(get("/peers.conf.minisig").willReturn(ok().withBody(s.signature())));
    }

    private void assertNothingWritten() {
        assertFalse(Files.exists(Path.of("/run/netns", target)), "--check created the target namespace");
        assertFalse(Files.exists(dir.resolve("state")), "--check wrote the state directory");
        assertFalse(Files.exists(dir.resolve("run")), "--check took the run lock (or wrote anything in runtime_dir)");
    }

    @Test
    void checkAgainstTheRegistrysSignedListWithPinnedKeysPrintsThePlanAndItsRecapAndWritesNothing() throws IOException {
        publish(signer.sign(Registry.peers(1, 2), 7));

        CliRun run = CliRun.run("", "up", "--check", "-c", config(signer.publicKey().render()).toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("create rait6x50001 peer=" + Registry.peer(1).publicKey() + " name=node1 listen_port=50001"),
                run.out());
        assertTrue(run.out().contains("create rait6x50002 peer=" + Registry.peer(2).publicKey() + " name=node2"), run.out());
        assertTrue(run.out().strip().endsWith("ok=2 changed=2 failed=0 removed=0"), run.out());
        assertTrue(run.err().contains("event=fetch result=fresh") && run.err().contains("serial=7"), run.err());
        assertNothingWritten();
    }

    @Test
    void aListSignedByAnotherKeyIsRefusedAndNothingIsPlannedOrWritten() throws IOException {
        publish(new Registry().sign(Registry.peers(1, 2), 7));

        CliRun run = CliRun.run("", "up", "--check", "-c", config(signer.publicKey().render()).toString());

        assertEquals(1, run.status(), run.err());
        assertFalse(run.out().contains("create "), run.out());
        assertTrue(run.err().contains("level=warn event=refused stage=fresh"), run.err());
        assertTrue(run.err().contains("rait: refused, nothing applied"), run.err());
        assertNothingWritten();
    }

    @Test
    void aTamperedBodyIsRefusedAndNothingIsWritten() throws IOException {
        Registry.Signed signed = signer.sign(Registry.peers(1, 2), 7);
        byte[] tampered = new String(signed.body(), StandardCharsets.UTF_8).replace("node2", "evil2").getBytes(StandardCharsets.UTF_8);
        publish(new Registry.Signed(tampered, signed.signature(), signed.serial()));

        CliRun run = CliRun.run("", "up", "--check", "-c", config(signer.publicKey().render()).toString());

        assertEquals(1, run.status(), run.err());
        assertFalse(run.out().contains("create "), run.out());
        assertNothingWritten();
    }
}
