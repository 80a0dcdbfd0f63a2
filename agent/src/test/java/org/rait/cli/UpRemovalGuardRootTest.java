package org.rait.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.demo.Host;
import org.rait.keys.WgKey;
import org.rait.keys.X25519;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `rait up` on the real kernel: a peer list that drops 3 of 4 peers is held back (exit 4) until --force. */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpRemovalGuardRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    private Path config;
    private Path peers;
    private String target;
    private final List<WgKey> peerKeys = new ArrayList<>();

    @BeforeAll
    void oneNode() throws Exception {
        Testbed.requireRoot("wireguard-go");
        Netns transit = bed.namespace("t");
        target = bed.reserveNamespace("g");
        Path dir = bed.directory("node");
        config = dir.resolve("rait.conf");
        peers = dir.resolve("peers.conf");
        Files.writeString(config, String.join("\n",
                "private_key = \"" + X25519.generatePrivateKey().base64() + "\"",
                "peers = \"" + peers + "\"",
                "backend = \"userspace\"",
                "runtime_dir = \"" + dir.resolve("run") + "\"",
                "transport {", "address_family = \"ip6\"", "send_port = 54000", "ifprefix = \"q6x\"", "}",
                "isolation {", "ifgroup = 56", "transit = \"" + transit.name() + "\"", "target = \"" + target + "\"", "}",
                ""));
        for (int n = 1; n <= 4; n++) peerKeys.add(X25519.publicKey(X25519.generatePrivateKey()));
    }

    @AfterAll
    void down() {
        if (config != null) CliRun.run("", "down", "-c", config.toString());
    }

    @Test
    void aListDroppingThreeOfFourPeersIsHeldBackUntilForced() throws Exception {
        writePeers(4);
        assertEquals(0, CliRun.run("", "up", "-c", config.toString()).status());
        assertEquals(List.of("q6x54001", "q6x54002", "q6x54003", "q6x54004"), managedLinks());

        writePeers(1);
        CliRun held = CliRun.run("", "up", "-c", config.toString());

        assertEquals(ExitStatus.HELD, held.status(), held.err());
        assertTrue(held.err().contains("removed_peers=3 current_peers=4"), held.err());
        assertEquals(4, managedLinks().size(), "nothing removed");

        CliRun forced = CliRun.run("", "up", "--force", "-c", config.toString());

        assertEquals(0, forced.status(), forced.err());
        assertTrue(forced.out().contains("removed=3"), forced.out());
        assertEquals(List.of("q6x54001"), managedLinks());
    }

    private void writePeers(int count) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int n = 1; n <= count; n++) {
            text.append("peers {\npublic_key = \"").append(peerKeys.get(n - 1).base64()).append("\"\nname = \"p").append(n)
                    .append("\"\nendpoint {\naddress_family = \"ip6\"\nsend_port = ").append(54000 + n).append("\n}\n}\n");
        }
        Files.writeString(peers, text.toString());
    }

    private List<String> managedLinks() {
        List<String> names = new ArrayList<>();
        for (String line : Host.run("ip", "-n", target, "-o", "link", "show", "group", "56").split("\n")) {
            if (!line.isBlank()) names.add(line.split(":")[1].trim());
        }
        names.sort(null);
        return names;
    }
}
