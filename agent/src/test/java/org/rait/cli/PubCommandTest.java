package org.rait.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.config.AddressFamily;
import org.rait.configfile.ConfigFiles;
import org.rait.configfile.Syntax;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PubCommandTest {
    private static final String SEED_KEY = "KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=";

    private static Path seedConfig(Path dir) throws Exception {
        Path config = dir.resolve("rait.conf");
        try (InputStream in = PubCommandTest.class.getResourceAsStream("/seed/rait.conf")) {
            Files.write(config, in.readAllBytes());
        }
        return config;
    }

    @Test
    void pubOfTheSeedConfigIsAPeersFileWithTheKeyWgDerives(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.run("", "pub", "-c", seedConfig(dir).toString(), "-");

        assertEquals(ExitStatus.OK, run.status(), run.err());
        WgKey expected = WgKey.parseBase64(KeyCommandsTest.wgPubkey(SEED_KEY + "\n"));
        assertEquals(new PeerList(List.of(new Peer(expected, "", List.of(
                new Endpoint(AddressFamily.IP4, 50153, ""),
                new Endpoint(AddressFamily.IP6, 50154, ""))))), ConfigFiles.parsePeers(run.out(), "stdout"));
        assertEquals(Syntax.BLOCK, Syntax.detect(run.out()));
    }

    @Test
    void pubWritesTomlToAFileWhenAsked(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("rait.conf");
        Files.writeString(config, """
                name = "node-a"
                private_key = "%s"
                [[transport]]
                address_family = "ip6"
                send_port = 50154
                address = "2001:db8::1"
                """.formatted(SEED_KEY));
        Path out = dir.resolve("entry.toml");

        CliRun run = CliRun.run("", "pub", "-c", config.toString(), "--format", "toml", out.toString());

        assertEquals(ExitStatus.OK, run.status(), run.err());
        String written = Files.readString(out);
        assertEquals(Syntax.TOML, Syntax.detect(written));
        Peer peer = ConfigFiles.parsePeers(written, out.toString()).peers().get(0);
        assertEquals("node-a", peer.name());
        assertEquals(List.of(new Endpoint(AddressFamily.IP6, 50154, "2001:db8::1")), peer.endpoints());
    }

    @Test
    void everyConfigProblemIsPrintedOnItsOwnLineAndExitIs2(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.conf");
        Files.writeString(config, """
                private_key = "%s"
                transport {
                  address_family = "ip4"
                  send_port = "50153"
                  mtu = 9
                  colour = "blue"
                }
                """.formatted(SEED_KEY));

        CliRun run = CliRun.run("", "pub", "-c", config.toString());

        assertEquals(ExitStatus.USAGE, run.status());
        assertEquals(config + ":4:3: transport.send_port: must be an integer, got a string\n"
                + config + ":5:3: transport.mtu: must be between 1280 and 65535, got 9\n"
                + config + ":6:3: transport.colour: unknown key\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void aMissingConfigFileIsNamed(@TempDir Path dir) {
        String missing = dir.resolve("absent.conf").toString();

        CliRun run = CliRun.run("", "pub", "-c", missing);

        assertEquals(ExitStatus.FAILED, run.status());
        assertEquals("rait: cannot read " + missing + ": no such file or directory\n", run.err());
    }
}
