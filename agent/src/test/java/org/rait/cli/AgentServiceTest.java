package org.rait.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.netlink.LibC;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * `rait agent` as systemd runs it (Type=notify, ExecReload=kill -HUP): a real agent process with $NOTIFY_SOCKET,
 * on a local, empty peer list in its own namespace, so that it touches no interface and needs no root.
 */
class AgentServiceTest {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;

    @TempDir
    Path dir;

    private int socket = -1;
    private Process agent;

    @AfterEach
    void stop() throws InterruptedException {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly();
            agent.waitFor(10, TimeUnit.SECONDS);
        }
        if (socket >= 0) LibC.INSTANCE.close(socket);
    }

    private Path config(String extra) throws IOException {
        Path conf = dir.resolve("rait.conf");
        Files.writeString(conf, String.join("\n",
                "name = \"svc\"",
                "private_key = \"KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=\"",
                "peers = \"" + dir.resolve("peers.conf") + "\"",
                "runtime_dir = \"" + dir.resolve("run") + "\"",
                "isolation { ifgroup = 77 target = \"\" }",
                "agent { state_dir = \"" + dir.resolve("state") + "\" interval = 1 }",
                extra, ""));
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        return conf;
    }

    private String notifySocket() {
        socket = LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM, 0);
        byte[] timeout = new byte[16];
        timeout[0] = 60; // SO_RCVTIMEO 60 s: a JVM start on a busy machine
        LibC.INSTANCE.setsockopt(socket, 1, 20, timeout, timeout.length);
        String path = dir.resolve("notify").toString();
        byte[] address = org.rait.systemd.ServiceManager.sockaddr(path);
        assertEquals(0, LibC.INSTANCE.bind(socket, address, address.length), "bind: errno " + LibC.errno());
        return path;
    }

    /**
     * The next notification that carries the word, skipping the per-pass STATUS lines; within 60 s in all (the
     * STATUS lines of a pass a second would otherwise keep the wait going for ever).
     */
    private String awaitNotification(String word) {
        byte[] buffer = new byte[4096];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            long n = LibC.INSTANCE.recvfrom(socket, buffer, buffer.length, 0);
            assertTrue(n >= 0, "no " + word + " from the agent; its log:\n" + log());
            String message = new String(buffer, 0, (int) n, StandardCharsets.UTF_8);
            if (message.contains(word)) return message;
        }
        throw new AssertionError("no " + word + " from the agent within 60 s; its log:\n" + log());
    }

    /** SIGHUP ignored here (this JVM was started under nohup): the agent started from here inherits that. */
    private static boolean sighupIgnoredHere() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> Long.parseUnsignedLong(l.substring("SigIgn:".length()).strip(), 16))
                .anyMatch(mask -> (mask & 1) != 0);
    }

    private Process startAgent(List<String> prefix, Path conf) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "agent", "-c", conf.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile()).redirectInput(new File("/dev/null"));
        builder.environment().put("NOTIFY_SOCKET", notifySocket());
        return builder.start();
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("agent.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void signal(String name) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(agent.pid())).start().waitFor());
    }

    @Test
    void readyAfterTheStartThenReloadReReadsRaitConfAndABadOneIsRefusedWhileTheAgentRunsOn() throws Exception {
        assumeFalse(sighupIgnoredHere(), "SIGHUP is ignored by whatever started this test (nohup?), and an agent started"
                + " from here inherits that: the reload cannot be tried (anAgentStartedWithSighupIgnoredSaysItCannotReload covers it)");
        Files.writeString(dir.resolve("peers.conf"), "");
        Path conf = config("");
        agent = startAgent(List.of(), conf);

        assertTrue(awaitNotification("READY=1").startsWith("READY=1\nSTATUS=last pass:"));

        signal("HUP");
        awaitNotification("RELOADING=1");
        assertTrue(awaitNotification("READY=1").contains("STATUS=last pass:"), "ready again after the reload");

        Files.writeString(conf, "garbage {\n", java.nio.file.StandardOpenOption.APPEND);
        signal("HUP");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!log().contains("event=reload_refused") && System.nanoTime() < deadline) Thread.sleep(100);
        assertTrue(log().contains("event=reload_refused"), log());
        assertTrue(log().contains("missing '}'"), "the refusal says what is wrong: " + log());
        assertTrue(agent.isAlive(), "a bad rait.conf does not stop the agent");

        signal("TERM");
        awaitNotification("STOPPING=1");
        assertTrue(agent.waitFor(30, TimeUnit.SECONDS), log());
        assertEquals(143, agent.exitValue(), "SIGTERM: the JVM's 128+15, which the unit counts as success");
        assertEquals(2, log().lines().filter(l -> l.contains("event=agent_start")).count(), "one start, one reload: " + log());
    }

    @Test
    void anAgentStartedWithSighupIgnoredSaysItCannotReload() throws Exception {
        Files.writeString(dir.resolve("peers.conf"), "");
        agent = startAgent(List.of("nohup"), config(""));

        awaitNotification("READY=1");

        assertTrue(log().contains("event=reload_unavailable"), log());
        assertTrue(log().contains("hint=\"restart the agent"), log());
    }
}
