package org.rait.testbed;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.rait.demo.Host;
import org.rait.demo.Namespaces;
import org.rait.demo.Teardown;
import org.rait.demo.Underlay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Throwaway network namespaces, veth links and processes for tests that need the real kernel, on the demo
 * module's simulated hosts ({@link Host}, {@link Namespaces}, {@link Underlay}, {@link Teardown}): one host
 * simulation for the demo and the tests.
 *
 * <p>Every name carries this run's id ({@code raitt-PID-RAND-...}) so that parallel runs on one machine
 * never collide; everything made here is removed in {@link #afterAll}, also when a test failed, and
 * namespaces left by runs whose JVM died are swept at start. Test infrastructure only: it drives iproute2
 * so that the code under test (which speaks netlink itself) gets a second opinion.
 *
 * <p>Use: {@code @RegisterExtension static final Testbed bed = new Testbed();}
 */
public final class Testbed implements BeforeAllCallback, AfterAllCallback {
    public static final String PREFIX = "raitt-";

    private final String runId = PREFIX + ProcessHandle.current().pid() + "-"
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    private Host host = new Host(new Teardown());

    /** Skips (with the reason printed) unless running as root with the tools the tests need. */
    public static void requireRoot(String... tools) {
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(root, "SKIPPED: needs root (network namespaces)");
        for (String tool : tools) {
            boolean found = Host.onPath(tool);
            if (!found) {
                System.out.println("SKIPPED: " + tool + " is not installed (testing/install-packages.sh installs it)");
            }
            Assumptions.assumeTrue(found, tool + " is not installed");
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

    /** The simulated host this bed's namespaces and processes live on; its teardown is this bed's cleanup. */
    public synchronized Host host() {
        return host;
    }

    /** The demo's underlay (a bridge in {@code <runId>-hub}), for nodes attached with {@link Underlay#attach}. */
    public Underlay underlay() {
        return Underlay.create(host(), runId);
    }

    /** A new namespace named {@code <runId>-<shortName>} with loopback up. */
    public Netns namespace(String shortName) {
        return new Netns(Namespaces.add(host(), runId + "-" + shortName));
    }

    /**
     * A namespace name for the code under test to create itself; removed at cleanup like the others
     * (with the processes in it) when it exists by then.
     */
    public String reserveNamespace(String shortName) {
        return Namespaces.reserve(host(), runId + "-" + shortName);
    }

    /** A veth pair between two namespaces, both ends up, with the given addresses (CIDR, may be null). */
    public void veth(Netns a, String ifA, String cidrA, Netns b, String ifB, String cidrB) {
        Host.run("ip", "link", "add", ifA, "netns", a.name(), "type", "veth", "peer", "name", ifB, "netns", b.name());
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
            host().teardown().add("remove " + dir, () -> Host.exec("rm", "-rf", dir.toString()));
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file or directory made by the code under test, removed at the end. */
    public void removeAtCleanup(Path path) {
        host().teardown().add("remove " + path, () -> Host.exec("rm", "-rf", path.toString()));
    }

    /** Starts a process (output appended to {@code log}, or discarded when null) that cleanup ends by its PID. */
    public Process start(List<String> command, Path log) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process p = pb.start();
            track(p);
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    /** Registers a process started elsewhere so that cleanup ends it, and what it started. */
    public void track(Process process) {
        host().teardown().add("stop pid " + process.pid(), () -> stop(process.toHandle()));
    }

    /** Undoes everything made so far, newest first; the bed can be used again afterwards. */
    public synchronized void cleanup() {
        Host done = host;
        host = new Host(new Teardown());
        done.teardown().run();
    }

    private static void stop(ProcessHandle handle) {
        handle.descendants().forEach(Host::stop);
        Host.stop(handle);
    }

    /**
     * Removes namespaces left by earlier runs whose JVM is gone (the PID is part of the name), and what
     * rait kept for them in the default runtime directory.
     */
    static void sweepStale() {
        for (String line : Host.exec("ip", "netns", "list").output().split("\n")) {
            String name = line.split(" ")[0].trim();
            if (isStale(name)) sweep(name);
        }
        Path entries = Path.of("/run/rait/wireguard/netns");
        if (!Files.isDirectory(entries)) return;
        try (var dirs = Files.list(entries)) {
            dirs.filter(d -> isStale(d.getFileName().toString()))
                    .forEach(d -> Host.exec("rm", "-rf", d.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + entries, e);
        }
    }

    private static void sweep(String namespace) {
        try {
            Namespaces.delete(namespace);
        } catch (IllegalStateException e) {
            System.err.println("cannot sweep " + namespace + ": " + e.getMessage());
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
