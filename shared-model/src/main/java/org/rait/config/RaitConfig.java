package org.rait.config;

import org.rait.keys.WgKey;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * rait.conf: this node's identity, its transports, isolation and routing-daemon hook.
 *
 * @param peers   where the peer list comes from: a path, "-" or an http(s) URL; several URLs serving the same
 *                signed snapshots (registries, mirrors) are kept separated by one space (see {@link #peerUrls()})
 * @param babeld  empty when the block is absent (no babeld integration)
 * @param runtimeDir where rait keeps runtime files (wireguard-go sockets live in runtimeDir/wireguard)
 * @param remarks the free-form `remarks` block (RAIT v3), empty when absent
 */
public record RaitConfig(
        String name,
        WgKey privateKey,
        String peers,
        List<Transport> transports,
        Isolation isolation,
        Optional<BabeldConfig> babeld,
        Backend backend,
        String runtimeDir,
        AgentSettings agent,
        Remarks remarks) {

    public static final String DEFAULT_PATH = "/etc/rait/rait.conf";
    public static final String DEFAULT_PEERS = "/etc/rait/peers.conf";
    public static final String DEFAULT_RUNTIME_DIR = "/run/rait";
    /** Separates the URLs of a `peers` list in {@link #peers()}; a URL never holds a raw space. */
    public static final String URL_SEPARATOR = " ";

    public RaitConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(peers, "peers");
        transports = List.copyOf(transports);
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(babeld, "babeld");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(runtimeDir, "runtimeDir");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(remarks, "remarks");
    }

    /**
     * The `peers` locations: each URL of a list, in the order written, or the one location (a path may hold
     * spaces: only http(s) URLs, which never do, are read as a list).
     */
    public List<String> peerUrls() {
        List<String> parts = List.of(peers.split(URL_SEPARATOR, -1));
        boolean list = parts.size() > 1 && parts.stream().allMatch(RaitConfig::isUrl);
        return list ? parts : List.of(peers);
    }

    /** An http(s) URL with something after the scheme. */
    public static boolean isUrl(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("http://") && lower.length() > 7 || lower.startsWith("https://") && lower.length() > 8;
    }

    /** A config without remarks. */
    public RaitConfig(String name, WgKey privateKey, String peers, List<Transport> transports, Isolation isolation,
                      Optional<BabeldConfig> babeld, Backend backend, String runtimeDir, AgentSettings agent) {
        this(name, privateKey, peers, transports, isolation, babeld, backend, runtimeDir, agent, Remarks.NONE);
    }

    public Optional<Transport> transport(AddressFamily family) {
        return transports.stream().filter(t -> t.addressFamily() == family).findFirst();
    }

    /** Without the private key: a config printed in a message or a failed assertion must not give it away. */
    @Override
    public String toString() {
        return "RaitConfig[name=" + name + ", privateKey=(hidden), peers=" + peers + ", transports=" + transports
                + ", isolation=" + isolation + ", babeld=" + babeld + ", backend=" + backend + ", runtimeDir=" + runtimeDir
                + ", agent=" + agent + ", remarks=" + remarks + "]";
    }
}
