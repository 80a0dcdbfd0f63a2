package org.rait.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `rait up --check` with the seed's own files: prints the plan, touches nothing (no root needed). */
class UpCheckTest {
    @Test
    void checkWithTheSeedFilesPrintsTheThreeSeedInterfacesAndCreatesNothing(@TempDir Path dir) throws Exception {
        String target = "raitt-check-" + ProcessHandle.current().pid();
        Path peers = dir.resolve("peers.conf");
        Files.copy(Path.of(getClass().getResource("/seed/peers.conf").toURI()), peers);
        String seed = Files.readString(Path.of(getClass().getResource("/seed/rait.conf").toURI()));
        Path config = dir.resolve("rait.conf");
        // Only where the files live and the target's name change; the rest is the seed verbatim.
        Files.writeString(config, seed.replace("\"/etc/rait/peers.conf\"", "\"" + peers + "\"")
                .replace("target = \"raitns\"", "target = \"" + target + "\""));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            status = Main.run("up", "--check", "--dns-timeout", "2", "-c", config.toString());
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        original.print(printed);

        assertEquals(0, status);
        assertTrue(printed.contains("create rait4x50180 peer=rCOdBo/VRxc2ulTM3TzQ9UmHYRAGR4mkN15rs7rmMiY= listen_port=50180 "
                + "endpoint=1.1.1.1:50153 fwmark=54 mtu=1420 group=54"), printed);
        assertTrue(printed.contains("create rait6x50181 peer=rCOdBo/VRxc2ulTM3TzQ9UmHYRAGR4mkN15rs7rmMiY= listen_port=random"), printed);
        assertTrue(printed.contains("create rait6x50342 peer=GMi1N+cqxgplru+WvQgAYFmC1SdpFljptGbLS2gL80g= listen_port=random"), printed);
        assertEquals(3, printed.lines().filter(l -> l.startsWith("create ")).count(), printed);
        assertTrue(printed.strip().endsWith("ok=3 changed=3 failed=0 removed=0"), printed);
        assertFalse(Files.exists(Path.of("/run/netns", target)), "--check created the target namespace");
    }
}
