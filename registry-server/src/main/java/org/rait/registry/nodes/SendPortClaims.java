package org.rait.registry.nodes;

import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.registry.Refusal;
import org.rait.registry.store.Node;
import org.rait.registry.store.Transaction;

import java.sql.SQLException;
import java.util.List;

/**
 * One send_port per address family among approved nodes (design.md section 5): every agent names a
 * tunnel after the port, so a second approved claim would take the first node's tunnels. Checked in
 * the transaction that would make the claim published; a pending node may wait with a collision.
 */
final class SendPortClaims {
    private SendPortClaims() {
    }

    /**
     * @param action what the node is about to do, for the message ("be approved", "register", ...)
     * @throws Refusal (CONFLICT) naming both nodes, the family and the port
     */
    static void requireFree(Transaction tx, WgKey key, String name, List<Endpoint> endpoints, String action) throws SQLException {
        for (Endpoint claim : endpoints) {
            for (Node holder : tx.nodes().approvedClaiming(claim.addressFamily(), claim.sendPort())) {
                if (holder.publicKey().equals(key)) continue;
                throw new Refusal(Refusal.Kind.CONFLICT, "send_port " + claim.sendPort() + " in " + claim.addressFamily()
                        + " is already used by approved node '" + holder.name() + "' (" + holder.publicKey()
                        + "); node '" + name + "' (" + key + ") cannot " + action + " with it; choose another send_port");
            }
        }
    }
}
