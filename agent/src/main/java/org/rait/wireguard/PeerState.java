package org.rait.wireguard;

import org.rait.keys.WgKey;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One peer as the device reports it. lastHandshakeEpochSeconds is 0 when there was none. */
public record PeerState(WgKey publicKey, Optional<InetSocketAddress> endpoint, List<String> allowedIps,
                        int keepaliveSeconds, long lastHandshakeEpochSeconds, long rxBytes, long txBytes) {
    public PeerState {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(endpoint, "endpoint");
        allowedIps = List.copyOf(allowedIps);
    }
}
