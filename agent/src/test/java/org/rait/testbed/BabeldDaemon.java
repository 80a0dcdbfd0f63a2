package org.rait.testbed;

import org.rait.demo.Host;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real babeld in a test namespace with its own control socket, pid file, state file, config and log
 * (all in a Testbed directory), run in the foreground so the Testbed ends it by PID at cleanup.
 * babeld refuses to start without an interface, so it starts on a placeholder name that does not exist.
 */
public final class BabeldDaemon {
    public static final String PLACEHOLDER = "placeholder0";

    private final Netns namespace;
    private final Path socket;
    private final Path log;
    private final Process process;

    private BabeldDaemon(Netns namespace, Path socket, Path log, Process process) {
        this.namespace = namespace;
        this.socket = socket;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts babeld in {@code namespace} with {@code config} as its babeld.conf and waits until its
     * unix control socket accepts connections.
     */
    public static BabeldDaemon start(Testbed bed, Netns namespace, String config) {
        return start(bed, namespace, config, 0);
    }

    /**
     * Like {@link #start(Testbed, Netns, String)} but with a TCP control socket on the namespace's
     * {@code [::1]:tcpPort} ({@code -G PORT}); {@code tcpPort} 0 means a unix socket.
     */
    public static BabeldDaemon start(Testbed bed, Netns namespace, String config, int tcpPort) {
        Path dir = bed.directory("babeld-" + namespace.name().substring(namespace.name().lastIndexOf('-') + 1));
        Path socket = dir.resolve("babeld.ctl");
        Path log = dir.resolve("babeld.log");
        try {
            Files.writeString(dir.resolve("babeld.conf"), config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Process process = bed.start(namespace.exec(List.of("babeld",
                "-I", dir.resolve("babeld.pid").toString(),
                "-S", dir.resolve("babeld.state").toString(),
                "-c", dir.resolve("babeld.conf").toString(),
                "-G", tcpPort == 0 ? socket.toString() : String.valueOf(tcpPort),
                PLACEHOLDER)), log);
        BabeldDaemon daemon = new BabeldDaemon(namespace, socket, log, process);
        daemon.awaitListening(tcpPort);
        return daemon;
    }

    /** The unix control socket (meaningless for a daemon started with a TCP port). */
    public Path socket() {
        return socket;
    }

    public Netns namespace() {
        return namespace;
    }

    public Process process() {
        return process;
    }

    /** What babeld wrote to stderr/stdout, for failure messages. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private boolean accepts(int tcpPort) {
        if (tcpPort == 0) {
            if (!Files.exists(socket)) return false;
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        // babeld's TCP socket is on the namespace's own loopback: probe from inside the namespace.
        return Host.exec(namespace.exec(List.of("bash", "-c", "exec 3<>/dev/tcp/::1/" + tcpPort))).ok();
    }

    private void awaitListening(int tcpPort) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("babeld exited with " + process.exitValue() + ":\n" + log());
            }
            if (accepts(tcpPort)) return;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("babeld did not open its control socket within 10 s:\n" + log());
    }
}
