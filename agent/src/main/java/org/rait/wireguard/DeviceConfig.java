package org.rait.wireguard;

import org.rait.keys.WgKey;

import java.util.List;
import java.util.Objects;

/** A device as it should be configured. listenPort 0 lets the implementation pick one. */
public record DeviceConfig(WgKey privateKey, int listenPort, long fwmark, List<PeerConfig> peers) {
    public DeviceConfig {
        Objects.requireNonNull(privateKey, "privateKey");
        peers = List.copyOf(peers);
    }

    /** Without the private key: a config may end up in a log or an exception message. */
    @Override
    public String toString() {
        return "DeviceConfig[publicKey=" + org.rait.keys.X25519.publicKey(privateKey) + ", listenPort=" + listenPort
                + ", fwmark=" + fwmark + ", peers=" + peers + "]";
    }
}
