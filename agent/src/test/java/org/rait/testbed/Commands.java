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

    /**
     * Whether the process has ended: gone, or a zombie. A process whose parent (another rait JVM) has
     * exited stays a zombie until init reaps it, and ProcessHandle.isAlive still says true then.
     */
    public static boolean exited(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException e) {
            return true;
        }
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (new File(dir, tool).canExecute()) return true;
        }
        return false;
    }
}
