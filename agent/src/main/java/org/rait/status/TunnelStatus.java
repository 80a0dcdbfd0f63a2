package org.rait.status;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One managed tunnel as `rait status` shows it.
 *
 * @param peerName          from the applied snapshot; "" when the key is not in it (or the device is gone)
 * @param endpoint          host:port the peer is reached at, empty when none is known
 * @param handshakeAgeSeconds seconds since the latest handshake, empty when there was none
 * @param keepaliveSeconds  the peer's persistent keepalive on the device, 0 = off
 */
public record TunnelStatus(String ifname, String peerName, String peerKey, Optional<String> endpoint,
                           OptionalLong handshakeAgeSeconds, long rxBytes, long txBytes, boolean up, int keepaliveSeconds) {
    public TunnelStatus {
        Objects.requireNonNull(ifname, "ifname");
        Objects.requireNonNull(peerName, "peerName");
        Objects.requireNonNull(peerKey, "peerKey");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(handshakeAgeSeconds, "handshakeAgeSeconds");
    }
}
