package org.rait.testbed;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs external commands for test setup and second opinions (ip, wg, ping...). */
public final class Commands {
    public record Result(int status, String output) {
        public boolean ok() {
            return status == 0;
        }
    }

    private Commands() {
    }

    public static Result exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** Runs the command and returns its output; throws with the output when it fails. */
    public static String run(String... command) {
        Result r = exec(List.of(command));
        if (!r.ok()) {
            throw new AssertionError(String.join(" ", command) + " -> exit " + r.status() + "\n" + r.output());
        }
        return r.output();
    }

    /** Runs the command and returns its output, whatever its status (for cleanup). */
    public static String runQuietly(String... command) {
        return exec(List.of(command)).output();
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (new File(dir, tool).canExecute()) return true;
        }
        return false;
    }
}
