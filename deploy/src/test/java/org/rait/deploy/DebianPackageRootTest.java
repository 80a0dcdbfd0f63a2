package org.rait.deploy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rait.testbed.Testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The .deb that `mvn package` builds, installed on this machine as an operator installs it
 * (src/test/sh/debian-package.sh does the work and puts the machine back as it was, also on failure).
 */
@Tag("root")
class DebianPackageRootTest {
    private static final Path SCRIPT = Path.of("src/test/sh/debian-package.sh");

    @Test
    void packageInstallsRunsVerifiesAndKeepsEtcRaitWhenRemoved() throws IOException, InterruptedException {
        Testbed.requireRoot("apt-get", "dpkg-deb", "systemd-analyze");
        Optional<Path> deb = builtPackage();
        if (deb.isEmpty()) {
            String reason = "no target/rait_*.deb: build it first with mvn -DskipTests package (testing/run-all.sh does)";
            if (System.getenv("CI") != null) throw new AssertionError(reason);
            System.out.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        Process script = new ProcessBuilder("bash", SCRIPT.toString(), deb.get().toString()).redirectErrorStream(true).start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = script.waitFor();
        System.out.print(output.indent(4));
        Assumptions.assumeFalse(output.startsWith("SKIPPED:"), output.strip());
        assertEquals(0, status, output);
        for (String check : List.of("apt-get install", "rait --version", "systemd-analyze verify", "systemd-analyze security",
                "conffiles in /etc/rait", "bash completion", "man pages", "keeps the operator's", "/etc/rait stays", "purge")) {
            assertTrue(output.lines().anyMatch(l -> l.startsWith("CHECK passed: ") && l.contains(check)), "no passed check for " + check);
        }
    }

    private static Optional<Path> builtPackage() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("rait_.*_all\\.deb")).findFirst();
        }
    }
}
