package org.rait.registry.store;

import org.rait.keys.WgKey;
import org.rait.peers.Peer;

/**
 * An approved node's published columns as stored. Equal rows make equal peers, so a reader that
 * keeps what it made of each row (the snapshot's text) parses and renders only rows it has not seen.
 */
public record PublishedNode(String publicKey, String name, String endpoints) {
    public Peer peer() {
        return new Peer(WgKey.parseBase64(publicKey), name, EndpointsColumn.read(endpoints));
    }
}
