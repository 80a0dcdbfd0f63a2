package org.rait.deploy;

import org.rait.config.AddressFamily;
import org.rait.demo.Host;
import org.rait.demo.Underlay;
import org.rait.keys.WgKey;
import org.rait.keys.X25519;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.plan.LinkLocalAddress;
import org.rait.testbed.Netns;
import org.rait.wireguard.userspace.UserspaceWireGuard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A node of the system test: a transit namespace on the demo's underlay (10.54.0.N, fd54::N), a target
 * namespace the agent creates, and its own rait.conf, state and runtime directories.
 */
record AgentNode(int number, WgKey privateKey, Netns transit, String target, Path dir) {
    static final long IFGROUP = 55;

    WgKey publicKey() {
        return X25519.publicKey(privateKey);
    }

    String name() {
        return "node" + number;
    }

    int ip4SendPort() {
        return 52000 + number;
    }

    int ip6SendPort() {
        return 53000 + number;
    }

    String ip4Interface(AgentNode peer) {
        return "a4x" + peer.ip4SendPort();
    }

    String ip6Interface(AgentNode peer) {
        return "a6x" + peer.ip6SendPort();
    }

    Path config() {
        return dir.resolve("rait.conf");
    }

    Path stateDir() {
        return dir.resolve("state");
    }

    /** The entry this node registers: both families. */
    Peer entry() {
        return new Peer(publicKey(), name(), List.of(
                new Endpoint(AddressFamily.IP4, ip4SendPort(), Underlay.address(number)),
                new Endpoint(AddressFamily.IP6, ip6SendPort(), Underlay.address6(number))));
    }

    /**
     * @param interval      agent.interval in seconds
     * @param metricsListen agent.metrics_listen, "" for none
     */
    void writeConfig(String peersUrl, String trustedKey, int interval, String metricsListen) throws IOException {
        Files.writeString(config(), String.join("\n",
                "private_key = \"" + privateKey.base64() + "\"",
                "peers = \"" + peersUrl + "\"",
                "backend = \"userspace\"",
                "runtime_dir = \"" + dir.resolve("run") + "\"",
                "transport {", "address_family = \"ip4\"", "send_port = " + ip4SendPort(), "ifprefix = \"a4x\"", "fwmark = 55", "}",
                "transport {", "address_family = \"ip6\"", "send_port = " + ip6SendPort(), "ifprefix = \"a6x\"", "fwmark = 55", "}",
                "isolation {", "ifgroup = " + IFGROUP, "transit = \"" + transit.name() + "\"", "target = \"" + target + "\"", "}",
                "agent {", "trusted_keys = [\"" + trustedKey + "\"]", "state_dir = \"" + stateDir() + "\"", "interval = " + interval,
                "metrics_listen = \"" + metricsListen + "\"", "}",
                ""));
    }

    /** Managed links in the target namespace, by name. */
    List<String> managedLinks() {
        if (!Files.exists(Path.of("/run/netns", target))) return List.of();
        Host.Result links = Host.exec("ip", "-n", target, "-o", "link", "show", "group", Long.toString(IFGROUP));
        // The agent makes the namespace the way `ip netns add` does: its file exists a moment before it is one.
        if (!links.ok() && links.output().contains("Invalid argument")) return List.of();
        if (!links.ok()) throw new AssertionError("ip -n " + target + " link show -> exit " + links.status() + ": " + links.output());
        List<String> names = new ArrayList<>();
        for (String line : links.output().split("\n")) {
            if (line.isBlank()) continue;
            String name = line.split(":")[1].trim();
            names.add(name.contains("@") ? name.substring(0, name.indexOf('@')) : name);
        }
        names.sort(null);
        return names;
    }

    /** ping6 to the peer's link-local address on the tunnel to it, a few tries (handshake, DAD). */
    boolean pings(AgentNode peer, String ifname) {
        String address = LinkLocalAddress.of(peer.publicKey(), publicKey()).getHostAddress();
        for (int attempt = 0; attempt < 10; attempt++) {
            if (Host.exec(List.of("ip", "netns", "exec", target, "ping", "-6", "-c1", "-W1", address + "%" + ifname)).ok()) {
                return true;
            }
        }
        return false;
    }

    /** PIDs from the pid files of this node's wireguard-go processes. */
    List<Long> wireguardGoPids() throws IOException {
        Path run = UserspaceWireGuard.socketDirectory(dir.resolve("run"), target, IFGROUP);
        if (!Files.isDirectory(run)) return List.of();
        List<Long> pids = new ArrayList<>();
        try (var files = Files.list(run)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                pids.add(Long.parseLong(Files.readString(p).strip()));
            }
        }
        return pids;
    }
}
