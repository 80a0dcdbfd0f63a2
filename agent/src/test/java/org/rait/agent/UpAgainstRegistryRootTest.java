package org.rait.agent;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.cli.CliRun;
import org.rait.keys.X25519;
import org.rait.state.CachedSnapshot;
import org.rait.state.StateDirectory;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `rait up` on the registry's URL is one agent pass: it verifies the signed list and records what the agent records
 * (the snapshot, the rollback floor, how the pass ended), so that `rait status` and a later agent take over from it.
 */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpAgainstRegistryRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final Registry signer = new Registry();
    private Path dir;
    private String target;
    private String privateKey;
    private Netns transit;

    @BeforeAll
    void oneNode() {
        Testbed.requireRoot("wireguard-go");
        transit = bed.namespace("t");
        target = bed.reserveNamespace("g");
        dir = bed.directory("node");
        privateKey = X25519.generatePrivateKey().base64();
    }

    @AfterAll
    void down() {
        if (dir != null) CliRun.run("", "down", "-c", dir.resolve("up.conf").toString());
    }

    /** The node's rait.conf, with its own state directory. */
    private Path config(String name) throws Exception {
        Path config = dir.resolve(name + ".conf");
        Files.writeString(config, String.join("\n",
                "private_key = \"" + privateKey + "\"",
                "peers = \"" + registry.baseUrl() + "/peers.conf\"",
                "backend = \"userspace\"",
                "runtime_dir = \"" + dir.resolve("run") + "\"",
                "transport {", "address_family = \"ip6\"", "send_port = 50999", "ifprefix = \"u6x\"", "}",
                "isolation {", "ifgroup = 57", "transit = \"" + transit.name() + "\"", "target = \"" + target + "\"", "}",
                "agent {", "trusted_keys = [\"" + signer.publicKey().render() + "\"]",
                "state_dir = \"" + dir.resolve(name + "-state") + "\"", "}",
                ""));
        return config;
    }

    @Test
    void upOnTheRegistryUrlRecordsTheStateAnAgentPassRecords() throws Exception {
        Registry.Signed signed = signer.sign(Registry.peers(1, 2), 11);
        registry.stubFor(get("/peers.conf").willReturn(ok().withBody(signed.body()).withHeader("ETag", "\"11\"")));
        registry.stubFor(get("/peers.conf.minisig").willReturn(ok().withBody(signed.signature())));

        CliRun up = CliRun.run("", "up", "-c", config("up").toString());
        assertEquals(0, up.status(), up.err());
        assertTrue(up.out().contains("ok=2 changed=2 failed=0 removed=0"), up.out());
        CliRun agent = CliRun.run("", "agent", "--once", "-c", config("agent").toString());
        assertEquals(0, agent.status(), agent.err());
        assertTrue(agent.out().contains("ok=2 changed=0 failed=0 removed=0"), "the agent found what up made: " + agent.out());

        StateDirectory byUp = new StateDirectory(dir.resolve("up-state"));
        StateDirectory byAgent = new StateDirectory(dir.resolve("agent-state"));
        assertEquals(OptionalLong.of(11), byUp.highestSerial(), "the rollback floor");
        assertEquals(byAgent.highestSerial(), byUp.highestSerial());
        CachedSnapshot upSnapshot = byUp.snapshot().orElseThrow();
        CachedSnapshot agentSnapshot = byAgent.snapshot().orElseThrow();
        assertArrayEquals(signed.body(), upSnapshot.body());
        assertArrayEquals(agentSnapshot.body(), upSnapshot.body());
        assertEquals(agentSnapshot.signature(), upSnapshot.signature());
        assertEquals(agentSnapshot.url(), upSnapshot.url());
        assertEquals(agentSnapshot.etag(), upSnapshot.etag());
        StateDirectory.PassRecord upPass = byUp.lastPass().orElseThrow();
        StateDirectory.PassRecord agentPass = byAgent.lastPass().orElseThrow();
        assertEquals("fresh/applied", upPass.news() + "/" + upPass.action());
        assertEquals(agentPass.news() + "/" + agentPass.action(), upPass.news() + "/" + upPass.action());
    }
}
