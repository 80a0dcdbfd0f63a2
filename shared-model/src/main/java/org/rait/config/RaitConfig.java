package org.rait.config;

import org.rait.keys.WgKey;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * rait.conf: this node's identity, its transports, isolation and routing-daemon hook.
 *
 * @param peers   where the peer list comes from: a path, "-" or an http(s) URL
 * @param babeld  empty when the block is absent (no babeld integration)
 */
public record RaitConfig(
        String name,
        WgKey privateKey,
        String peers,
        List<Transport> transports,
        Isolation isolation,
        Optional<BabeldConfig> babeld,
        Backend backend) {

    public static final String DEFAULT_PATH = "/etc/rait/rait.conf";
    public static final String DEFAULT_PEERS = "/etc/rait/peers.conf";

    public RaitConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(peers, "peers");
        transports = List.copyOf(transports);
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(babeld, "babeld");
        Objects.requireNonNull(backend, "backend");
    }

    public Optional<Transport> transport(AddressFamily family) {
        return transports.stream().filter(t -> t.addressFamily() == family).findFirst();
    }
}
