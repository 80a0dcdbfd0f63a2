package org.rait.wireguard.userspace;

import org.rait.wireguard.WireGuardException;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The wireguard-go processes of one configuration, one per interface, found again by later runs through
 * {@code <dir>/IF.pid}; their UAPI sockets are {@code <dir>/IF.sock}. {@code <dir>} holds the entries of
 * this configuration only ({@link UserspaceWireGuard#socketDirectory}).
 *
 * <p>wireguard-go always puts its socket in /var/run/wireguard, so each process runs in a private mount
 * namespace where {@code <dir>} is bind-mounted there. It is started in its own session with output to
 * {@code <dir>/IF.log} and stdin from /dev/null: the tunnels outlive the rait process that made them.
 */
final class WireGuardGoProcesses {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);
    /** sun_path holds 108 bytes with the terminating NUL. */
    private static final int MAX_SOCKET_PATH_BYTES = 107;
    /**
     * Start script: $0 = socket dir, $1 = interface. The script records its own PID (a rename, so never a
     * half-written file) before anything else, and `exec` keeps that PID for wireguard-go: a rait killed at
     * any moment after the start leaves a record the next run finds, never an unrecorded process holding
     * the interface's TUN.
     */
    private static final String START_SCRIPT =
            "echo $$ > \"$0/$1.pid.new\" && mv -f \"$0/$1.pid.new\" \"$0/$1.pid\""
            + " && mkdir -p /run/wireguard && mount --bind \"$0\" /run/wireguard && exec wireguard-go -f \"$1\"";

    private final Path dir;

    WireGuardGoProcesses(Path dir) {
        this.dir = dir;
    }

    Path socket(String ifname) {
        return dir.resolve(ifname + ".sock");
    }

    private Path pidFile(String ifname) {
        return dir.resolve(ifname + ".pid");
    }

    Path log(String ifname) {
        return dir.resolve(ifname + ".log");
    }

    /** Starts wireguard-go for the interface in the transit namespace ("" = ours) and waits for its socket. */
    ProcessHandle start(String ifname, String transit) {
        int length = socket(ifname).toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_SOCKET_PATH_BYTES) {
            throw new WireGuardException(ifname + ": UAPI socket path " + socket(ifname) + " has " + length
                    + " bytes, more than the " + MAX_SOCKET_PATH_BYTES + " a unix socket allows; shorten runtime_dir or the target namespace's name");
        }
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(socket(ifname));
        } catch (IOException e) {
            throw new WireGuardException(ifname + ": cannot prepare " + dir + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of("setsid"));
        if (transit.isEmpty()) {
            command.addAll(List.of("unshare", "--mount", "--propagation", "private"));
        } else {
            command.addAll(List.of("ip", "netns", "exec", transit));
        }
        command.addAll(List.of("sh", "-c", START_SCRIPT, dir.toString(), ifname));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectInput(new File("/dev/null"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(ifname).toFile()))
                    .start();
        } catch (IOException e) {
            throw new WireGuardException(ifname + ": cannot start wireguard-go: " + e.getMessage(), e);
        }
        awaitSocket(ifname, process);
        return process.toHandle();
    }

    private void awaitSocket(String ifname, Process process) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (UapiSocket.get(ifname, socket(ifname)).isPresent()) return;
            if (!process.isAlive()) {
                String log = lastLines(ifname);
                forget(ifname);
                throw new WireGuardException(ifname + ": wireguard-go exited with status " + process.exitValue()
                        + " before its socket appeared; its output: " + log);
            }
            sleep(20);
        }
        process.destroy();
        String log = lastLines(ifname);
        forget(ifname);
        throw new WireGuardException(ifname + ": wireguard-go did not open " + socket(ifname) + " within "
                + START_TIMEOUT.toSeconds() + " s; its output: " + log);
    }

    /** The running wireguard-go of this interface, when its pid file names a live wireguard-go. */
    Optional<ProcessHandle> running(String ifname) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile(ifname), StandardCharsets.US_ASCII).strip());
            // The pid file may outlive its process; a reused PID is not ours unless its command line is this interface's.
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> isOurs(pid, ifname));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Interfaces that have a pid file here. */
    List<String> names() {
        if (!Files.isDirectory(dir)) return List.of();
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".pid"))
                    .map(n -> n.substring(0, n.length() - ".pid".length())).sorted().toList();
        } catch (IOException e) {
            throw new WireGuardException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Ends the process by its PID and waits for it. SIGTERM at once rather than waiting for wireguard-go to
     * notice its deleted TUN: that took about 2 s per interface, which made `rait down` of 100 tunnels
     * take minutes. wireguard-go removes its socket on SIGTERM; SIGKILL only when it does not stop.
     */
    void stop(String ifname, ProcessHandle handle) {
        handle.destroy();
        if (!waitFor(handle, EXIT_TIMEOUT)) {
            handle.destroyForcibly();
            waitFor(handle, EXIT_TIMEOUT);
        }
        forget(ifname);
    }

    /** Removes the interface's entry: pid file, socket and log. */
    void forget(String ifname) {
        try {
            Files.deleteIfExists(pidFile(ifname));
            Files.deleteIfExists(dir.resolve(ifname + ".pid.new"));
            Files.deleteIfExists(socket(ifname));
            Files.deleteIfExists(log(ifname));
        } catch (IOException e) {
            throw new WireGuardException(ifname + ": cannot remove runtime files in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Removes the directory, and its parent (the namespace's), when nothing is left in them. */
    void removeDirectoryIfEmpty() {
        for (Path d = dir, stop = dir.getParent().getParent(); d != null && !d.equals(stop); d = d.getParent()) {
            try {
                Files.deleteIfExists(d);
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                return;
            } catch (IOException e) {
                throw new WireGuardException("cannot remove " + d + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Polls until the process has exited. A wireguard-go that an earlier rait run started is not our child:
     * once it exits it is a zombie until init reaps it (seconds on some machines), and Java counts a zombie
     * as alive, so the zombie state counts as ended here.
     */
    private static boolean waitFor(ProcessHandle handle, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handle.isAlive() && !isZombie(handle.pid())) {
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // pid (comm) STATE ...: comm may hold spaces and parentheses, the state follows the last ')'.
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Whether the process is this interface's wireguard-go, or its start script that has not exec'd it yet
     * (ending that one is as right as ending wireguard-go). A reused PID has another command line.
     */
    private static boolean isOurs(long pid, String ifname) {
        try {
            List<String> args = List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"),
                    StandardCharsets.UTF_8).split("\0"));
            return !args.isEmpty() && args.get(args.size() - 1).equals(ifname)
                    && args.stream().anyMatch(a -> a.contains("wireguard-go"));
        } catch (IOException e) {
            return false;
        }
    }

    private String lastLines(String ifname) {
        try {
            List<String> lines = Files.readAllLines(log(ifname));
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WireGuardException("interrupted while waiting for wireguard-go");
        }
    }
}
