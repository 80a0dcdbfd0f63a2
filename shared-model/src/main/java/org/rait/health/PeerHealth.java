package org.rait.health;

import org.rait.keys.WgKey;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One tunnel of the reporting node, as it sees it.
 *
 * @param peerKey             the peer at the other end
 * @param interfaceName       the tunnel's interface
 * @param handshakeAgeSeconds seconds since the latest handshake; empty when there was none
 * @param endpoint            host:port the peer is reached at now; empty when none is known
 * @param babeldCost          babeld's cost for the neighbour on this interface; empty without babeld
 */
public record PeerHealth(WgKey peerKey, String interfaceName, OptionalLong handshakeAgeSeconds, long rxBytes, long txBytes,
                         Optional<String> endpoint, OptionalInt babeldCost) {
    public PeerHealth {
        Objects.requireNonNull(peerKey, "peerKey");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(handshakeAgeSeconds, "handshakeAgeSeconds");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(babeldCost, "babeldCost");
    }
}
