package org.rait.peers;

import org.rait.keys.WgKey;

import java.util.List;
import java.util.Objects;

/** One node of the mesh as others see it (a `peers { }` block). */
public record Peer(WgKey publicKey, String name, List<Endpoint> endpoints) {
    public Peer {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(name, "name");
        endpoints = List.copyOf(endpoints);
    }
}
