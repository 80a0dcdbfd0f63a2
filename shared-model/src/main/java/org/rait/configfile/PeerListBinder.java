package org.rait.configfile;

import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.peers.EndpointAddress;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps a parsed peers.conf tree to {@link PeerList}, reporting every problem of every peer. */
final class PeerListBinder {
    private PeerListBinder() {
    }

    static PeerList bind(Node.Table root, String source) throws ConfigException {
        Problems problems = new Problems(source);
        TableBinding top = new TableBinding(root, "", problems);
        List<Peer> peers = new ArrayList<>();
        Map<WgKey, TableBinding> byKey = new HashMap<>();
        for (TableBinding t : top.tables("peers")) {
            Peer peer = peer(t);
            if (peer == null) continue;
            // One key twice would make two interfaces for one peer: the list is malformed, not merged.
            TableBinding earlier = byKey.putIfAbsent(peer.publicKey(), t);
            if (earlier != null) {
                t.problem("public_key", "the same public key as the peer at " + earlier.position() + "; one entry per peer");
            } else {
                peers.add(peer);
            }
        }
        top.rejectUnknownKeys();
        problems.throwIfAny();
        return new PeerList(peers);
    }

    private static Peer peer(TableBinding t) {
        WgKey publicKey = KeyField.required(t, "public_key");
        String name = t.string("name", "");
        List<TableBinding> tables = t.tables("endpoint");
        List<Endpoint> endpoints = new ArrayList<>(tables.size());
        // by family and send_port; a peer of one endpoint (most) needs no map
        Map<Long, TableBinding> seen = tables.size() > 1 ? new HashMap<>() : null;
        boolean complete = true;
        for (TableBinding e : tables) {
            Endpoint endpoint = endpoint(e);
            if (endpoint == null) {
                complete = false;
                continue;
            }
            TableBinding earlier = seen == null ? null
                    : seen.putIfAbsent((long) endpoint.addressFamily().ordinal() << 32 | endpoint.sendPort(), e);
            if (earlier != null) {
                e.problem("send_port", "send_port " + endpoint.sendPort() + " already used by this peer's "
                        + endpoint.addressFamily() + " endpoint at " + earlier.position());
                complete = false;
            }
            endpoints.add(endpoint);
        }
        t.rejectUnknownKeys();
        if (publicKey == null || name == null || !complete) return null;
        return new Peer(publicKey, name, endpoints);
    }

    private static Endpoint endpoint(TableBinding e) {
        AddressFamily family = e.requiredChoice("address_family", AddressFamily::parse);
        Long sendPort = e.requiredInteger("send_port", 1, 65535);
        String address = e.choice("address", "", EndpointAddress::parse);
        e.rejectUnknownKeys();
        if (family == null || sendPort == null || address == null) return null;
        return new Endpoint(family, sendPort.intValue(), address);
    }
}
