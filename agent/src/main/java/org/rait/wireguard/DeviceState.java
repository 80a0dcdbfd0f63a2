package org.rait.wireguard;

import org.rait.keys.WgKey;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A device as it is configured now. publicKey is empty when no private key is set. */
public record DeviceState(String ifname, Optional<WgKey> publicKey, int listenPort, long fwmark, List<PeerState> peers) {
    public DeviceState {
        Objects.requireNonNull(ifname, "ifname");
        Objects.requireNonNull(publicKey, "publicKey");
        peers = List.copyOf(peers);
    }
}
