package org.rait.tunnels;

import org.rait.config.RaitConfig;
import org.rait.demo.Host;
import org.rait.demo.Underlay;
import org.rait.keys.WgKey;
import org.rait.keys.X25519;
import org.rait.testbed.Netns;
import org.rait.wireguard.userspace.UserspaceWireGuard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rait node of an integration test: a transit namespace on the shared underlay, a target namespace
 * that rait creates, its own rait.conf, its runtime directory (its own, or the default that every node
 * on the host shares), the send ports of its two transports and the start of its ifprefixes
 * ({@code ifprefix + "4x"}, {@code ifprefix + "6x"}).
 */
record SimulatedNode(int number, WgKey privateKey, Netns transit, String target, String ifprefix, Path runtimeDir,
                     Path config) {
    static final long IFGROUP = 54;
    static final long FWMARK = 54;

    WgKey publicKey() {
        return X25519.publicKey(privateKey);
    }

    String ip4() {
        return Underlay.address(number);
    }

    String ip6() {
        return Underlay.address6(number);
    }

    int ip4SendPort() {
        return 50000 + number;
    }

    int ip6SendPort() {
        return 51000 + number;
    }

    String ip4Interface(SimulatedNode peer) {
        return ifprefix + "4x" + peer.ip4SendPort();
    }

    String ip6Interface(SimulatedNode peer) {
        return ifprefix + "6x" + peer.ip6SendPort();
    }

    void writeConfig(Path peers) throws IOException {
        writeConfig(peers, transit.name());
    }

    /** With transit "" rait must itself run in the transit namespace (see {@link Mesh#raitProcess}). */
    void writeConfig(Path peers, String transitName) throws IOException {
        writeConfig(peers, "userspace", List.of("transit = \"" + transitName + "\"", "target = \"" + target + "\""));
    }

    /**
     * rait.conf with the given backend; isolation holds the isolation block's lines besides ifgroup. A node
     * on the default runtime directory has no runtime_dir line, like the README's rait.conf.
     */
    void writeConfig(Path peers, String backend, List<String> isolation) throws IOException {
        boolean defaultRuntimeDir = runtimeDir.equals(Path.of(RaitConfig.DEFAULT_RUNTIME_DIR));
        Files.writeString(config, String.join("\n",
                "private_key = \"" + privateKey.base64() + "\"",
                "peers = \"" + peers + "\"",
                "backend = \"" + backend + "\"",
                defaultRuntimeDir ? "" : "runtime_dir = \"" + runtimeDir + "\"",
                "transport {",
                "address_family = \"ip4\"",
                "send_port = " + ip4SendPort(),
                "mtu = 1420",
                "ifprefix = \"" + ifprefix + "4x\"",
                "fwmark = " + FWMARK,
                "}",
                "transport {",
                "address_family = \"ip6\"",
                "send_port = " + ip6SendPort(),
                "mtu = 1400",
                "ifprefix = \"" + ifprefix + "6x\"",
                "fwmark = " + FWMARK,
                "}",
                "isolation {",
                "ifgroup = " + IFGROUP,
                String.join("\n", isolation),
                "}",
                ""));
    }

    /** This node's block in the shared peers.conf (seed syntax). */
    String peersEntry() {
        return String.join("\n",
                "peers {",
                "public_key = \"" + publicKey().base64() + "\"",
                "name = \"node" + number + "\"",
                "endpoint {",
                "address_family = \"ip4\"",
                "send_port = " + ip4SendPort(),
                "address = \"" + ip4() + "\"",
                "}",
                "endpoint {",
                "address_family = \"ip6\"",
                "send_port = " + ip6SendPort(),
                "address = \"" + ip6() + "\"",
                "}",
                "}",
                "");
    }

    /** Shell command in the target namespace. */
    Host.Result inTarget(String command) {
        return Host.exec(List.of("ip", "netns", "exec", target, "sh", "-c", command));
    }

    /** Names of the links in the target namespace that are in the managed group. */
    List<String> managedLinks() {
        return linkNames("group " + IFGROUP);
    }

    List<String> allLinks() {
        return linkNames("");
    }

    private List<String> linkNames(String filter) {
        if (!Files.exists(Path.of("/run/netns", target))) return List.of();
        String out = Host.run("ip", "-n", target, "-o", "link", "show");
        List<String> names = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) continue;
            if (!filter.isEmpty() && !line.contains(" " + filter + " ")) continue;
            String name = line.split(":")[1].trim();
            names.add(name.contains("@") ? name.substring(0, name.indexOf('@')) : name);
        }
        names.remove("lo");
        return names;
    }

    /** Where the userspace backend keeps this node's UAPI sockets and pid files. */
    Path socketDirectory() {
        return UserspaceWireGuard.socketDirectory(runtimeDir, target, IFGROUP);
    }

    /**
     * `wg show all dump` as the second opinion, run in the transit namespace with this node's socket
     * directory mounted where wg looks for it; interface -> its dump lines (interface line first).
     */
    Map<String, List<String[]>> wgDump() {
        String out = Host.run("ip", "netns", "exec", transit.name(), "sh", "-c",
                "mkdir -p /run/wireguard && mount --bind '" + socketDirectory() + "' /run/wireguard && wg show all dump");
        return parseDump(out);
    }

    /** `wg show all dump` output: interface -> its dump lines, the interface line first, without the name. */
    static Map<String, List<String[]>> parseDump(String out) {
        Map<String, List<String[]>> byInterface = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) continue;
            String[] fields = line.split("\t");
            byInterface.computeIfAbsent(fields[0], k -> new ArrayList<>()).add(Arrays.copyOfRange(fields, 1, fields.length));
        }
        return byInterface;
    }

    /** PIDs from the pid files rait keeps for its wireguard-go processes. */
    List<Long> wireguardGoPids() throws IOException {
        Path dir = socketDirectory();
        if (!Files.isDirectory(dir)) return List.of();
        List<Long> pids = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                pids.add(Long.parseLong(Files.readString(p).strip()));
            }
        }
        return pids;
    }

    /**
     * Waits until this node's wireguard-go for the interface has ended: it ends a moment after its TUN is
     * deleted, and until then the next `rait up` rightly ends it as a stray. A zombie counts as ended
     * (its command line is empty), as it does for rait.
     */
    void awaitWireguardGoEnded(String ifname) throws IOException, InterruptedException {
        Path pidFile = socketDirectory().resolve(ifname + ".pid");
        if (!Files.exists(pidFile)) return;
        Path cmdline = Path.of("/proc", Files.readString(pidFile).strip(), "cmdline");
        long deadline = System.nanoTime() + 10_000_000_000L;
        try {
            while (!Files.readString(cmdline).isEmpty()) {
                if (System.nanoTime() > deadline) throw new AssertionError("wireguard-go of " + ifname + " still runs 10 s after its TUN went");
                Thread.sleep(10);
            }
        } catch (java.nio.file.NoSuchFileException reaped) {
            // gone altogether
        }
    }

    static Optional<String> line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst();
    }
}
