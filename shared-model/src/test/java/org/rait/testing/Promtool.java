package org.rait.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** `promtool check metrics` (Debian's prometheus package) as the second opinion on an exposition. */
public final class Promtool {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private Promtool() {
    }

    /**
     * @return what promtool printed (empty when it found nothing to complain about)
     * @throws org.opentest4j.TestAbortedException (a skip, with the reason printed) when promtool is not installed
     */
    public static String check(String exposition) throws IOException, InterruptedException {
        if (!Files.isExecutable(PROMTOOL)) {
            System.out.println("SKIPPED promtool check: " + PROMTOOL + " is missing (Debian package prometheus)");
            Assumptions.abort(PROMTOOL + " is missing (Debian package prometheus)");
        }
        Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("promtool did not finish in 30 s");
        }
        return (p.exitValue() == 0 ? "" : "exit " + p.exitValue() + "\n") + output.strip();
    }
}
