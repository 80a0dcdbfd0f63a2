package org.rait.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry run by {@code rait-registry serve} on loopback with a self-signed certificate, and its admin
 * command line. Clients trust the certificate by pinning its key, as printed by serve.
 */
public final class DemoRegistry {
    private static final Pattern LISTENING = Pattern.compile("listening on (https://\\S+)");
    private static final Pattern SIGNING_KEY = Pattern.compile("minisign public key: (\\S+)");
    private static final Pattern PIN = Pattern.compile("certificate pin: (\\S+)");

    /** The files every registry on one database needs the same copy of (self-signed TLS included, as agents pin one). */
    private static final List<String> SHARED_KEY_FILES = List.of("minisign.key", "minisign.pub", "registration.key", "tls.crt", "tls.key");

    private final Host host;
    private final Launchers launchers;
    private final Path dataDir;
    private final Path log;
    private final Optional<Path> config;
    private Process process;
    private String url;
    private String signingKey;
    private String pin;
    private String adminToken;

    private DemoRegistry(Host host, Launchers launchers, Path dataDir, Path log, Optional<Path> config) {
        this.host = host;
        this.launchers = launchers;
        this.dataDir = dataDir;
        this.log = log;
        this.config = config;
    }

    /** Starts the registry on 127.0.0.1 with a port the kernel picks, and bootstraps an admin token. */
    public static DemoRegistry start(Host host, Launchers launchers, Path dir) {
        return start(host, launchers, dir, Optional.empty());
    }

    /** The same, with a registry.toml (`serve --config`), e.g. one that names a PostgreSQL database. */
    public static DemoRegistry start(Host host, Launchers launchers, Path dir, Optional<Path> config) {
        createDirectories(dir);
        DemoRegistry registry = new DemoRegistry(host, launchers, dir.resolve("data"), dir.resolve("registry.log"), config);
        registry.serve("127.0.0.1:0");
        registry.adminToken = registry.bootstrapToken();
        return registry;
    }

    /**
     * A second registry beside this one, active at the same time on the same database with the same keys.
     * With a config naming a database it has a data directory of its own in {@code dir}, given copies of
     * this one's key files before its first start (as an operator provisions another host); without, it
     * shares this one's data directory, whose SQLite file (WAL) two processes share. It has its own port and
     * log; the admin token is the database's, so it is this one's.
     */
    public DemoRegistry another(Path dir) {
        createDirectories(dir);
        Path data = dataDir;
        if (config.isPresent()) {
            data = dir.resolve("data");
            createDirectories(data);
            for (String file : SHARED_KEY_FILES) {
                try {
                    Files.copy(dataDir.resolve(file), data.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot copy " + file + " to " + data + ": " + e.getMessage(), e);
                }
            }
        }
        DemoRegistry registry = new DemoRegistry(host, launchers, data, dir.resolve("registry.log"), config);
        registry.serve("127.0.0.1:0");
        registry.adminToken = adminToken;
        return registry;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private void serve(String listen) {
        long logStart = size(log);
        process = host.start("rait-registry", withConfig(List.of(launchers.registry().toString(), "serve", "--data-dir", dataDir.toString(),
                "--listen", listen)), Map.of(), log);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            String printed = readFrom(logStart);
            Optional<String> listening = find(LISTENING, printed);
            Optional<String> key = find(SIGNING_KEY, printed);
            Optional<String> certificatePin = find(PIN, printed);
            if (listening.isPresent() && key.isPresent() && certificatePin.isPresent()) {
                url = listening.get();
                signingKey = key.get();
                pin = certificatePin.get();
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("rait-registry serve exited with " + process.exitValue() + ":\n" + printed.strip());
            }
            sleep(100);
        }
        throw new IllegalStateException("rait-registry serve did not say where it listens within 60 s:\n" + readFrom(logStart).strip());
    }

    /** Stops the server (the data directory stays): nodes must keep their tunnels meanwhile. */
    public void stop() {
        Host.stop(process.toHandle());
    }

    /** Kills the server (SIGKILL, as a host that is gone): nothing of it gets to finish. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing rait-registry", e);
        }
    }

    /** Starts the server again on the same port with the same data. */
    public void restart() {
        serve(url.substring("https://".length()));
    }

    public String url() {
        return url;
    }

    public String peersUrl() {
        return url + "/peers.conf";
    }

    /** The minisign public key (the "RW..." line) nodes pin in agent.trusted_keys. */
    public String signingKey() {
        return signingKey;
    }

    /** The bootstrap admin token (what an admin signs in to the web page with). */
    public String adminToken() {
        return adminToken;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The certificate pin (sha256/...) that rait register --pin and rait agent --tls-pin take. */
    public String pin() {
        return pin;
    }

    /** Runs {@code rait-registry admin ARGS} against this registry as the demo's admin. */
    public Host.Result admin(String... args) {
        List<String> command = new ArrayList<>(List.of(launchers.registry().toString(), "admin"));
        command.addAll(List.of(args));
        command.addAll(List.of("--url", url, "--pin", pin));
        return Host.exec(command, Map.of("RAIT_REGISTRY_TOKEN", adminToken));
    }

    /** Like {@link #admin} but the call must succeed; returns what it printed. */
    public String adminOrFail(String... args) {
        Host.Result result = admin(args);
        if (!result.ok()) throw new IllegalStateException("rait-registry admin " + String.join(" ", args) + " -> exit "
                + result.status() + ": " + result.output().strip());
        return result.output();
    }

    private String bootstrapToken() {
        Host.Result result = Host.exec(withConfig(List.of(launchers.registry().toString(), "admin", "token", "create", "--name", "demo-admin",
                "--data-dir", dataDir.toString())), Map.of());
        if (!result.ok()) throw new IllegalStateException("cannot create the admin token: " + result.output().strip());
        List<String> lines = result.output().lines().filter(l -> !l.isBlank()).toList();
        return lines.get(lines.size() - 1).strip();
    }

    private List<String> withConfig(List<String> command) {
        if (config.isEmpty()) return command;
        List<String> with = new ArrayList<>(command);
        with.addAll(List.of("--config", config.get().toString()));
        return with;
    }

    /** What the server printed, for failure reports. */
    public String log() {
        return readFrom(0);
    }

    private String readFrom(long offset) {
        try {
            byte[] all = Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
            return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        String last = null;
        while (m.find()) last = m.group(1);
        return Optional.ofNullable(last);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
