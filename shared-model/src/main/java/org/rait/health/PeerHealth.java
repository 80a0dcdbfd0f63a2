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
 * @param babeldCost          babeld's cost for the neighbour on this interface, {@link #BABELD_UNREACHABLE} when babeld
 *                            hears none there (or none it can use); empty when the node runs no babeld or it did not answer
 * @param keepaliveSeconds    the tunnel's WireGuard persistent keepalive, 0 = off: with it on, this node sends the
 *                            peer something at least that often while it has an endpoint for it
 * @param rxIdleSeconds       for how long, at least, the tunnel's rx counter has not grown, as far as this node's looks
 *                            at it tell (0 when it grew since the previous look, or at the first look); empty when the
 *                            reporting agent does not tell (older agents)
 */
public record PeerHealth(WgKey peerKey, String interfaceName, OptionalLong handshakeAgeSeconds, long rxBytes, long txBytes,
                         Optional<String> endpoint, OptionalInt babeldCost, int keepaliveSeconds, OptionalLong rxIdleSeconds) {
    /** babeld's infinite cost: no usable link to that neighbour. */
    public static final int BABELD_UNREACHABLE = 0xFFFF;

    public PeerHealth {
        Objects.requireNonNull(peerKey, "peerKey");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(handshakeAgeSeconds, "handshakeAgeSeconds");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(babeldCost, "babeldCost");
        Objects.requireNonNull(rxIdleSeconds, "rxIdleSeconds");
    }
}
