package org.rait.peers;

import org.rait.config.AddressFamily;

import java.util.Objects;

/**
 * How to reach a peer in one family: its send_port (which is our listen port for it) and its
 * address, an IP literal or a DNS name, "" when the peer has no reachable address.
 */
public record Endpoint(AddressFamily addressFamily, int sendPort, String address) {
    public Endpoint {
        Objects.requireNonNull(addressFamily, "addressFamily");
        Objects.requireNonNull(address, "address");
    }
}
