package org.rait.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rait.keys.WgKey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyCommandsTest {
    @Test
    void genkeyPrintsOneClampedBase64KeyPerLine() {
        CliRun run = CliRun.run("", "genkey");

        assertEquals(ExitStatus.OK, run.status());
        assertTrue(run.out().matches("[A-Za-z0-9+/]{43}=\n"), run.out());
        byte[] key = WgKey.parseBase64(run.out()).bytes();
        assertEquals(0, key[0] & 7);
    }

    @Test
    void pubkeyOfAGeneratedKeyEqualsWgPubkey() throws Exception {
        String privateKey = CliRun.run("", "genkey").out();

        CliRun run = CliRun.run(privateKey, "pubkey");

        assertEquals(ExitStatus.OK, run.status());
        assertEquals(wgPubkey(privateKey), run.out());
    }

    @Test
    void pubkeyRejectsInputThatIsNotAKeyWithExitStatus2() {
        CliRun run = CliRun.run("hello\n", "pubkey");

        assertEquals(ExitStatus.USAGE, run.status());
        assertEquals("rait: stdin is not a private key (32 bytes of base64, as wg genkey prints): not valid base64\n",
                run.err());
        assertEquals("", run.out());
    }

    @Test
    void pubkeyRejectsAShortKey() {
        CliRun run = CliRun.run("c2hvcnQ=\n", "pubkey");

        assertEquals(ExitStatus.USAGE, run.status());
        assertTrue(run.err().contains("decodes to 5 bytes"), run.err());
    }

    static String wgPubkey(String privateKey) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/wg")),
                "wg (wireguard-tools) is not installed: cannot compare with wg pubkey");
        Process wg = new ProcessBuilder("/usr/bin/wg", "pubkey").start();
        wg.getOutputStream().write(privateKey.getBytes(StandardCharsets.US_ASCII));
        wg.getOutputStream().close();
        String out = new String(wg.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, wg.waitFor());
        return out;
    }
}
