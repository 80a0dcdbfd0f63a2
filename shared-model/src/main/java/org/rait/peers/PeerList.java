package org.rait.peers;

import java.util.List;

/** peers.conf: every node of the mesh, in file order. */
public record PeerList(List<Peer> peers) {
    public static final PeerList EMPTY = new PeerList(List.of());

    public PeerList {
        peers = List.copyOf(peers);
    }
}
