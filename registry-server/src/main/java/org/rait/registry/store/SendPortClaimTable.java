package org.rait.registry.store;

import org.rait.peers.Endpoint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The send_port claims of the approved nodes, one row per (address_family, send_port) an approved node's
 * endpoints hold: an index the claim check looks up instead of reading every approved row. Written only by
 * {@link NodeTable}, in the statements' own transaction, so it always says what the nodes table says.
 * Not unique per port: which claims may coexist is the registry's rule, checked before a node is approved.
 */
final class SendPortClaimTable {
    private SendPortClaimTable() {
    }

    /** Makes the node's claims what its stored row says: its endpoints' ports if approved, none otherwise. */
    static void replace(Connection connection, Node node) throws SQLException {
        remove(connection, node.publicKey().base64());
        if (node.state() == NodeState.APPROVED) {
            add(connection, node.publicKey().base64(), node.endpoints());
        }
    }

    static void add(Connection connection, String publicKey, List<Endpoint> endpoints) throws SQLException {
        if (endpoints.isEmpty()) return;
        // A repeated (family, port) within one node's endpoints (refused at entry, possible in old rows) is one claim.
        try (PreparedStatement st = connection.prepareStatement("INSERT INTO send_port_claims (address_family, send_port, public_key) "
                + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Endpoint endpoint : endpoints) {
                st.setString(1, endpoint.addressFamily().spelling());
                st.setInt(2, endpoint.sendPort());
                st.setString(3, publicKey);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    static void remove(Connection connection, String publicKey) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("DELETE FROM send_port_claims WHERE public_key = ?")) {
            st.setString(1, publicKey);
            st.executeUpdate();
        }
    }

    /** The schema step's second half: the claims of the nodes approved before the table existed. */
    static void fillFromApprovedNodes(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT public_key, endpoints FROM nodes WHERE state = '" + NodeState.APPROVED.word() + "'")) {
            while (rs.next()) {
                add(connection, rs.getString(1), EndpointsColumn.read(rs.getString(2)));
            }
        }
    }
}
