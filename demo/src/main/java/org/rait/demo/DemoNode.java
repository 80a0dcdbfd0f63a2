package org.rait.demo;

import org.rait.keys.WgKey;
import org.rait.keys.X25519;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One simulated node: a transit namespace on the underlay (where wireguard-go's UDP sockets live), a
 * target namespace (where rait puts the tunnels and babeld runs, with the node's own address on lo),
 * and its own rait.conf, state directory and runtime directory. Everything runs through the real
 * launchers, as separate processes, the way an operator would run them.
 */
public final class DemoNode {
    public static final String IFPREFIX = "demo4x";
    private static final int FIRST_SEND_PORT = 53000;
    private static final int IFGROUP = 54;
    private static final Pattern LINK_LOCAL = Pattern.compile("inet6 (fe80:[0-9a-f:]+)/");
    private static final Pattern LAST_HANDSHAKE = Pattern.compile("^(\\S+) .* last_handshake=(\\d+)");

    private final Host host;
    private final Launchers launchers;
    private final int number;
    private final String name;
    private final WgKey privateKey;
    private final String transit;
    private final String target;
    private final Path dir;
    private Process agent;

    private DemoNode(Host host, Launchers launchers, int number, String name, String transit, String target, Path dir) {
        this.host = host;
        this.launchers = launchers;
        this.number = number;
        this.name = name;
        this.privateKey = X25519.generatePrivateKey();
        this.transit = transit;
        this.target = target;
        this.dir = dir;
    }

    /**
     * Node N: attaches it to the underlay, makes its target namespace with fd72:6169:7400::N on lo, and
     * starts its babeld there (control socket in the node's directory).
     */
    public static DemoNode create(Host host, Launchers launchers, Underlay underlay, String prefix, int number, String name, Path baseDir)
            throws IOException {
        String transit = underlay.attach(number);
        String target = Namespaces.add(host, prefix + "-n" + number);
        Host.run("ip", "-n", target, "addr", "add", loopbackAddress(number) + "/128", "dev", "lo");
        Path dir = Files.createDirectories(baseDir.resolve(name));
        DemoNode node = new DemoNode(host, launchers, number, name, transit, target, dir);
        node.startBabeld();
        return node;
    }

    public static String loopbackAddress(int number) {
        return "fd72:6169:7400::" + number;
    }

    public int number() {
        return number;
    }

    public String name() {
        return name;
    }

    public WgKey publicKey() {
        return X25519.publicKey(privateKey);
    }

    public String transit() {
        return transit;
    }

    public String target() {
        return target;
    }

    public Path config() {
        return dir.resolve("rait.conf");
    }

    public Path runtimeDir() {
        return dir.resolve("run");
    }

    public Path stateDir() {
        return dir.resolve("state");
    }

    public Path agentLog() {
        return dir.resolve("agent.log");
    }

    public int sendPort() {
        return FIRST_SEND_PORT + number;
    }

    public String loopbackAddress() {
        return loopbackAddress(number);
    }

    /** The interface this node has for {@code peer}: ifprefix + the peer's send port. */
    public String interfaceFor(DemoNode peer) {
        return IFPREFIX + peer.sendPort();
    }

    /** This node's address on its tunnel to {@code peer}, as the kernel has it; empty while there is no such tunnel. */
    public Optional<String> linkLocalFor(DemoNode peer) {
        Host.Result shown = Host.exec("ip", "-n", target, "-6", "-o", "addr", "show", "dev", interfaceFor(peer), "scope", "link");
        Matcher address = LINK_LOCAL.matcher(shown.output());
        return shown.ok() && address.find() ? Optional.of(address.group(1)) : Optional.empty();
    }

    /** How long ago each of this node's tunnels had its last handshake, by interface, as `rait list` says. */
    public Map<String, Duration> handshakeAges(Map<String, String> environment) {
        Host.Result listed = Host.exec(List.of(launchers.rait().toString(), "list", "-c", config().toString()), environment);
        Map<String, Duration> ages = new HashMap<>();
        long now = Instant.now().getEpochSecond();
        for (String line : listed.output().lines().toList()) {
            Matcher handshake = LAST_HANDSHAKE.matcher(line);
            if (handshake.find() && Long.parseLong(handshake.group(2)) > 0) {
                ages.put(handshake.group(1), Duration.ofSeconds(Math.max(0, now - Long.parseLong(handshake.group(2)))));
            }
        }
        return ages;
    }

    /** Writes rait.conf (block syntax, as the original tool read it) for a registry and a poll interval. */
    public void writeConfig(DemoRegistry registry, int intervalSeconds) throws IOException {
        writeConfig(registry.peersUrl(), registry.signingKey(), registry.url(), intervalSeconds);
    }

    /**
     * Writes rait.conf with a peers location, the registry's minisign key ("" for none: a local peers file)
     * and the registry's URL ("" for none).
     */
    public void writeConfig(String peers, String trustedKey, String registryUrl, int intervalSeconds) throws IOException {
        writeConfig(peers, trustedKey, registryUrl, intervalSeconds, 0);
    }

    /** With the registry, and the transport's persistent keepalive (seconds, 0 = off). */
    public void writeConfig(DemoRegistry registry, int intervalSeconds, int keepaliveSeconds) throws IOException {
        writeConfig(registry.peersUrl(), registry.signingKey(), registry.url(), intervalSeconds, keepaliveSeconds);
    }

    private void writeConfig(String peers, String trustedKey, String registryUrl, int intervalSeconds, int keepaliveSeconds)
            throws IOException {
        Files.createDirectories(runtimeDir());
        Files.createDirectories(stateDir());
        String text = String.join("\n",
                "# " + name + " of the rait demo",
                "name = \"" + name + "\"",
                "private_key = \"" + privateKey.base64() + "\"",
                "peers = \"" + peers + "\"",
                "backend = \"userspace\"",
                "runtime_dir = \"" + runtimeDir() + "\"",
                "transport {",
                "  address_family = \"ip4\"",
                "  send_port = " + sendPort(),
                "  address = \"" + Underlay.address(number) + "\"",
                "  ifprefix = \"" + IFPREFIX + "\"",
                "  mtu = 1420" + (keepaliveSeconds > 0 ? "\n  keepalive = " + keepaliveSeconds : ""),
                "}",
                "isolation {",
                "  ifgroup = " + IFGROUP,
                "  transit = \"" + transit + "\"",
                "  target = \"" + target + "\"",
                "}",
                "babeld {",
                "  socket_type = \"unix\"",
                "  socket_addr = \"" + dir.resolve("babeld.ctl") + "\"",
                "  param = \"type tunnel link-quality true hello-interval 1\"",
                "}",
                "agent {",
                "  trusted_keys = [" + (trustedKey.isEmpty() ? "" : "\"" + trustedKey + "\"") + "]",
                "  state_dir = \"" + stateDir() + "\"",
                "  interval = " + intervalSeconds,
                "  registry = \"" + registryUrl + "\"",
                "  report_interval = " + intervalSeconds,
                "}",
                "");
        Files.writeString(config(), text);
        Files.setPosixFilePermissions(config(), PosixFilePermissions.fromString("rw-------"));
    }

    /** This node's entry for a peers.conf (seed syntax), as the registry would publish it. */
    public String peersEntry() {
        return String.join("\n",
                "peers {",
                "  public_key = \"" + publicKey().base64() + "\"",
                "  name = \"" + name + "\"",
                "  endpoint {",
                "    address_family = \"ip4\"",
                "    send_port = " + sendPort(),
                "    address = \"" + Underlay.address(number) + "\"",
                "  }",
                "}",
                "");
    }

    /** `rait register` trusting the registry's certificate by its pin, optionally with an enrollment token. */
    public Host.Result register(Map<String, String> environment, String pin, Optional<String> enrollmentToken) {
        List<String> command = new ArrayList<>(List.of(launchers.rait().toString(), "register", "-c", config().toString(), "--pin", pin));
        enrollmentToken.ifPresent(token -> command.addAll(List.of("--token", token)));
        return Host.exec(command, environment);
    }

    /**
     * Starts `rait agent` for this node. The wireguard-go processes it starts outlive it (as under systemd);
     * they run in the node's transit namespace, and deleting that namespace ends every process in it.
     */
    public void startAgent(Map<String, String> environment, String pin) {
        agent = host.start("rait agent of " + name, List.of(launchers.rait().toString(), "agent", "-c", config().toString(),
                "--tls-pin", pin), environment, agentLog());
    }

    public Optional<Process> agent() {
        return Optional.ofNullable(agent);
    }

    /** Stops this node's agent (its tunnels stay, as with `systemctl stop`). */
    public void stopAgent() {
        if (agent != null) Host.stop(agent.toHandle());
    }

    /** `rait status` of this node. */
    public Host.Result status(Map<String, String> environment) {
        return Host.exec(List.of(launchers.rait().toString(), "status", "-c", config().toString()), environment);
    }

    /** A shell command in the target namespace (where the tunnels are). */
    public Host.Result inTarget(String command) {
        return Host.inNamespace(target, command);
    }

    /** Names of the tunnel interfaces rait made in the target namespace (the managed group). */
    public List<String> tunnels() {
        Host.Result out = Host.exec("ip", "-n", target, "-o", "link", "show", "group", String.valueOf(IFGROUP));
        List<String> names = new ArrayList<>();
        if (!out.ok()) return names;
        for (String line : out.output().split("\n")) {
            String[] fields = line.split(":");
            if (fields.length > 1) names.add(fields[1].trim().replaceFirst("@.*$", ""));
        }
        return names;
    }

    private void startBabeld() throws IOException {
        Path conf = dir.resolve("babeld.conf");
        // Announce only the node's own address; the tunnels are added over the control socket by rait.
        Files.writeString(conf, String.join("\n",
                "redistribute local ip fd72:6169:7400::/48 le 128 allow",
                "redistribute local deny",
                ""));
        Path socket = dir.resolve("babeld.ctl");
        Process babeld = host.start("babeld of " + name, List.of("ip", "netns", "exec", target, "babeld",
                "-I", dir.resolve("babeld.pid").toString(), "-S", dir.resolve("babeld.state").toString(),
                "-c", conf.toString(), "-G", socket.toString(), "placeholder0"), Map.of(), dir.resolve("babeld.log"));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(socket)) {
            if (!babeld.isAlive()) {
                throw new IllegalStateException("babeld of " + name + " exited with " + babeld.exitValue() + ": "
                        + Files.readString(dir.resolve("babeld.log")).strip());
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("babeld of " + name + " opened no control socket within 10 s");
            DemoRegistry.sleep(50);
        }
    }
}
