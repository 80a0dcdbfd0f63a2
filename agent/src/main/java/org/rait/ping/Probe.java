package org.rait.ping;

import java.util.Objects;

/**
 * One address `rait ping` tries.
 *
 * @param kind    "link-local" (the peer's end of one tunnel, scoped to that interface) or "babeld" (an address babeld
 *                routes to the peer, which may take another path when the direct tunnel is down)
 * @param ifname  the tunnel the address is reached over (for babeld: the interface of its installed route)
 * @param address what is handed to ping: {@code fe80::...%IFNAME} for a link-local address
 */
public record Probe(String kind, String ifname, String address) {
    public Probe {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ifname, "ifname");
        Objects.requireNonNull(address, "address");
    }
}
