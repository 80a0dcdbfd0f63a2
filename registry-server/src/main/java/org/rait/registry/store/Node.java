package org.rait.registry.store;

import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;

import java.time.Instant;
import java.util.List;

/**
 * A node as the registry keeps it. {@code lastRequestTimestamp} is the timestamp of the newest
 * accepted self-registration request: a request not newer than it is a replay.
 */
public record Node(WgKey publicKey, String name, List<Endpoint> endpoints, NodeState state,
                   Instant createdAt, Instant updatedAt, long lastRequestTimestamp) {
    public Node {
        endpoints = List.copyOf(endpoints);
    }

    public Peer asPeer() {
        return new Peer(publicKey, name, endpoints);
    }

    public Node withState(NodeState newState, Instant at) {
        return new Node(publicKey, name, endpoints, newState, createdAt, at, lastRequestTimestamp);
    }

    public Node withEntry(String newName, List<Endpoint> newEndpoints, Instant at) {
        return new Node(publicKey, newName, newEndpoints, state, createdAt, at, lastRequestTimestamp);
    }
}
