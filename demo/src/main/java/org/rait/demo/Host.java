package org.rait.demo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the host tools the demo and the tests drive (iproute2, ping, wg, the rait launchers) and the
 * long-running processes they start. Processes are registered with the {@link Teardown} and ended by PID.
 */
public final class Host {
    /** A finished command: its status and what it printed (stdout and stderr together). */
    public record Result(int status, String output) {
        public boolean ok() {
            return status == 0;
        }
    }

    /** Thrown when a command the demo cannot do without fails. */
    public static final class CommandFailed extends RuntimeException {
        CommandFailed(List<String> command, Result result) {
            super(String.join(" ", command) + " -> exit " + result.status() + (result.output().isBlank() ? "" : ": " + result.output().strip()));
        }
    }

    private static final int COMMAND_TIMEOUT_SECONDS = 120;

    private final Teardown teardown;

    public Host(Teardown teardown) {
        this.teardown = teardown;
    }

    public Teardown teardown() {
        return teardown;
    }

    public static Result exec(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process p = builder.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + COMMAND_TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    public static Result exec(List<String> command) {
        return exec(command, Map.of());
    }

    public static Result exec(String... command) {
        return exec(List.of(command), Map.of());
    }

    /** Runs a command that must succeed; returns its output. */
    public static String run(String... command) {
        Result result = exec(command);
        if (!result.ok()) throw new CommandFailed(List.of(command), result);
        return result.output();
    }

    /** Runs a shell command inside a network namespace. */
    public static Result inNamespace(String namespace, String shellCommand) {
        return exec("ip", "netns", "exec", namespace, "sh", "-c", shellCommand);
    }

    /** Starts a long-running process with its output appended to {@code log} (null: discarded); the teardown ends it. */
    public Process start(String what, List<String> command, Map<String, String> environment, Path log) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            teardown.add("stop " + what + " (pid " + process.pid() + ")", () -> stop(process.toHandle()));
            return process;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + what + " (" + String.join(" ", command) + "): " + e.getMessage(), e);
        }
    }

    /**
     * Ends a process politely (SIGTERM, then SIGKILL after 5 s). Only the process itself, like systemd's
     * KillMode=process: the wireguard-go processes an agent started must outlive it (the next agent adopts
     * them); the teardown ends them through their pid files and namespaces.
     */
    public static void stop(ProcessHandle handle) {
        if (!handle.isAlive()) return;
        handle.destroy();
        try {
            handle.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    /**
     * Whether the process has ended: gone, or a zombie. A process whose parent (another rait JVM) has
     * exited stays a zombie until init reaps it, and ProcessHandle.isAlive still says true then.
     */
    public static boolean exited(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException e) {
            return true;
        }
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (new File(dir, tool).canExecute()) return true;
        }
        return false;
    }
}
