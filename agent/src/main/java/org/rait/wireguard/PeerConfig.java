package org.rait.wireguard;

import org.rait.keys.WgKey;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One WireGuard peer as it should be configured. allowedIps in CIDR text, e.g. "0.0.0.0/0", "::/0". */
public record PeerConfig(WgKey publicKey, Optional<InetSocketAddress> endpoint, List<String> allowedIps, int keepaliveSeconds) {
    public PeerConfig {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(endpoint, "endpoint");
        allowedIps = List.copyOf(allowedIps);
    }
}
