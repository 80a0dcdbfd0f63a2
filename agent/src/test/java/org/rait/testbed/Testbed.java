package org.rait.testbed;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway network namespaces, veth links and processes for tests that need the real kernel.
 *
 * <p>Every name carries this run's id ({@code raitt-PID-RAND-...}) so that parallel runs on one machine
 * never collide; everything made here is removed in {@link #afterAll}, also when a test failed, and
 * namespaces left by runs whose JVM died are swept at start. Test infrastructure only: it drives iproute2
 * so that the code under test (which speaks netlink itself) gets a second opinion.
 *
 * <p>Use: {@code @RegisterExtension static final Testbed bed = new Testbed();}
 */
public final class Testbed implements BeforeAllCallback, AfterAllCallback {
    static final String PREFIX = "raitt-";

    private final String runId = PREFIX + ProcessHandle.current().pid() + "-"
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    private final Deque<Process> processes = new ArrayDeque<>();
    private final List<String> namespaces = new ArrayList<>();
    private final List<Path> directories = new ArrayList<>();

    /** Skips (with the reason printed) unless running as root with the tools the tests need. */
    public static void requireRoot(String... tools) {
        boolean root = "root".equals(System.getProperty("user.name"));
        org.junit.jupiter.api.Assumptions.assumeTrue(root, "SKIPPED: needs root (network namespaces)");
        for (String tool : tools) {
            boolean found = Commands.onPath(tool);
            if (!found) {
                System.out.println("SKIPPED: " + tool + " is not installed (testing/install-packages.sh installs it)");
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(found, tool + " is not installed");
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sweepStale();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        cleanup();
    }

    public String runId() {
        return runId;
    }

    /** A new namespace named {@code <runId>-<shortName>} with loopback up. */
    public Netns namespace(String shortName) {
        String name = runId + "-" + shortName;
        Commands.run("ip", "netns", "add", name);
        namespaces.add(name);
        Netns ns = new Netns(name);
        ns.sh("ip link set lo up");
        return ns;
    }

    /**
     * A namespace name for the code under test to create itself; removed at cleanup like the others
     * (with the processes in it) when it exists by then.
     */
    public String reserveNamespace(String shortName) {
        String name = runId + "-" + shortName;
        namespaces.add(name);
        return name;
    }

    /** A veth pair between two namespaces, both ends up, with the given addresses (CIDR, may be null). */
    public void veth(Netns a, String ifA, String cidrA, Netns b, String ifB, String cidrB) {
        Commands.run("ip", "link", "add", ifA, "netns", a.name(), "type", "veth", "peer", "name", ifB, "netns", b.name());
        for (var end : List.of(new Object[] {a, ifA, cidrA}, new Object[] {b, ifB, cidrB})) {
            Netns ns = (Netns) end[0];
            String ifname = (String) end[1];
            String cidr = (String) end[2];
            if (cidr != null) {
                ns.sh("ip addr add " + cidr + " dev " + ifname + (cidr.contains(":") ? " nodad" : ""));
            }
            ns.sh("ip link set " + ifname + " up");
        }
    }

    /** A fresh directory removed at the end. */
    public Path directory(String shortName) {
        try {
            Path dir = Files.createTempDirectory(runId + "-" + shortName);
            directories.add(dir);
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file or directory made by the code under test, removed at the end. */
    public void removeAtCleanup(Path path) {
        directories.add(path);
    }

    /** Starts a process that is ended (by its PID) at cleanup if it still runs. */
    public Process start(List<String> command, Path log) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process p = pb.start();
            processes.push(p);
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    /** Registers a process started elsewhere so that cleanup ends it. */
    public void track(Process process) {
        processes.push(process);
    }

    public synchronized void cleanup() {
        while (!processes.isEmpty()) {
            stop(processes.pop().toHandle());
        }
        for (String ns : namespaces) {
            removeNamespace(ns);
        }
        namespaces.clear();
        for (Path dir : directories) {
            Commands.runQuietly("rm", "-rf", dir.toString());
        }
        directories.clear();
    }

    private static void stop(ProcessHandle handle) {
        handle.descendants().forEach(Testbed::terminate);
        terminate(handle);
    }

    private static void terminate(ProcessHandle handle) {
        if (!handle.isAlive()) return;
        handle.destroy();
        try {
            handle.onExit().get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    /** Ends the processes we started inside the namespace (by PID), then deletes it. */
    private static void removeNamespace(String name) {
        Commands.Result listed = Commands.exec(List.of("ip", "netns", "pids", name));
        if (!listed.ok()) return; // never created (a reserved name rait did not need) or already gone
        for (String pid : listed.output().split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(Testbed::terminate);
            }
        }
        Commands.runQuietly("ip", "netns", "del", name);
    }

    /**
     * Removes namespaces left by earlier runs whose JVM is gone (the PID is part of the name), and what
     * rait kept for them in the default runtime directory.
     */
    static void sweepStale() {
        for (String line : Commands.runQuietly("ip", "netns", "list").split("\n")) {
            String name = line.split(" ")[0].trim();
            if (isStale(name)) removeNamespace(name);
        }
        Path entries = Path.of("/run/rait/wireguard/netns");
        if (!Files.isDirectory(entries)) return;
        try (var dirs = Files.list(entries)) {
            dirs.filter(d -> isStale(d.getFileName().toString()))
                    .forEach(d -> Commands.runQuietly("rm", "-rf", d.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + entries, e);
        }
    }

    private static boolean isStale(String name) {
        if (!name.startsWith(PREFIX)) return false;
        try {
            long pid = Long.parseLong(name.substring(PREFIX.length()).split("-")[0]);
            return !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
