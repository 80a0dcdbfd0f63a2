package org.rait.peers;

import org.rait.config.RaitConfig;
import org.rait.config.Transport;
import org.rait.keys.X25519;

/** This node as others must see it: what `rait pub` prints and what a node registers. */
public final class OwnEntry {
    private OwnEntry() {
    }

    /** Public key from our private key, our name, and one endpoint per transport (family, send_port, address). */
    public static Peer of(RaitConfig config) {
        return new Peer(X25519.publicKey(config.privateKey()), config.name(),
                config.transports().stream().map(OwnEntry::endpoint).toList());
    }

    private static Endpoint endpoint(Transport transport) {
        return new Endpoint(transport.addressFamily(), transport.sendPort(), transport.address());
    }
}
