package org.rait.registry.store;

import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The nodes table, and beside it the approved nodes' send_port claims, written by the same calls in the same
 * transaction. Lists come sorted by public key, the order peers.conf uses.
 */
public final class NodeTable {
    private static final String COLUMNS = "public_key, name, endpoints, state, created_at, updated_at, last_request_timestamp";
    private static final String QUALIFIED_COLUMNS = "n." + COLUMNS.replace(", ", ", n.");
    private final Connection connection;

    NodeTable(Connection connection) {
        this.connection = connection;
    }

    public Optional<Node> find(WgKey publicKey) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT " + COLUMNS + " FROM nodes WHERE public_key = ?")) {
            st.setString(1, publicKey.base64());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /**
     * The approved nodes whose endpoints hold this send_port in this family, looked up in the claims that
     * {@link #insert}, {@link #update} and {@link #delete} keep beside each row.
     */
    public List<Node> approvedClaiming(AddressFamily family, int sendPort) throws SQLException {
        String sql = "SELECT " + QUALIFIED_COLUMNS + " FROM send_port_claims c JOIN nodes n ON n.public_key = c.public_key "
                + "WHERE c.address_family = ? AND c.send_port = ? AND n.state = ? ORDER BY n.public_key";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, family.spelling());
            st.setInt(2, sendPort);
            st.setString(3, NodeState.APPROVED.word());
            try (ResultSet rs = st.executeQuery()) {
                List<Node> nodes = new ArrayList<>();
                while (rs.next()) {
                    nodes.add(row(rs));
                }
                return nodes;
            }
        }
    }

    /** All nodes, or those in one state, sorted by public key. */
    public List<Node> list(Optional<NodeState> state) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM nodes" + (state.isPresent() ? " WHERE state = ?" : "") + " ORDER BY public_key";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            if (state.isPresent()) {
                st.setString(1, state.get().word());
            }
            try (ResultSet rs = st.executeQuery()) {
                List<Node> nodes = new ArrayList<>();
                while (rs.next()) {
                    nodes.add(row(rs));
                }
                return nodes;
            }
        }
    }

    /** What a snapshot lists of the approved nodes, unparsed, in the order of {@link #list}. */
    public List<PublishedNode> published() throws SQLException {
        String sql = "SELECT public_key, name, endpoints FROM nodes WHERE state = ? ORDER BY public_key";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, NodeState.APPROVED.word());
            try (ResultSet rs = st.executeQuery()) {
                List<PublishedNode> nodes = new ArrayList<>();
                while (rs.next()) {
                    nodes.add(new PublishedNode(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
                return nodes;
            }
        }
    }

    /** Stores a new node; false when a node with this key is there already (another request committed it first). */
    public boolean insert(Node node) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("INSERT INTO nodes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (public_key) DO NOTHING")) {
            st.setString(1, node.publicKey().base64());
            bindRest(st, node, 2);
            if (st.executeUpdate() != 1) return false;
        }
        if (node.state() == NodeState.APPROVED) {
            SendPortClaimTable.add(connection, node.publicKey().base64(), node.endpoints());
        }
        return true;
    }

    /**
     * Takes this request timestamp as the node's last accepted one if it is newer than the stored one;
     * false when it is not (a replay). Check and update are one statement: on a database shared by several
     * registries the same captured request sent to two of them passes at most once.
     */
    public boolean claimRequestTimestamp(WgKey publicKey, long timestamp) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "UPDATE nodes SET last_request_timestamp = ? WHERE public_key = ? AND last_request_timestamp < ?")) {
            st.setLong(1, timestamp);
            st.setString(2, publicKey.base64());
            st.setLong(3, timestamp);
            return st.executeUpdate() == 1;
        }
    }

    public void update(Node node) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("UPDATE nodes SET name = ?, endpoints = ?, state = ?, "
                + "created_at = ?, updated_at = ?, last_request_timestamp = ? WHERE public_key = ?")) {
            bindRest(st, node, 1);
            st.setString(7, node.publicKey().base64());
            if (st.executeUpdate() != 1) {
                throw new SQLException("node " + node.publicKey() + " vanished during an update");
            }
        }
        SendPortClaimTable.replace(connection, node);
    }

    public boolean delete(WgKey publicKey) throws SQLException {
        SendPortClaimTable.remove(connection, publicKey.base64());
        try (PreparedStatement st = connection.prepareStatement("DELETE FROM nodes WHERE public_key = ?")) {
            st.setString(1, publicKey.base64());
            return st.executeUpdate() == 1;
        }
    }

    private static void bindRest(PreparedStatement st, Node node, int first) throws SQLException {
        st.setString(first, node.name());
        st.setString(first + 1, EndpointsColumn.write(node.endpoints()));
        st.setString(first + 2, node.state().word());
        st.setLong(first + 3, node.createdAt().getEpochSecond());
        st.setLong(first + 4, node.updatedAt().getEpochSecond());
        st.setLong(first + 5, node.lastRequestTimestamp());
    }

    private static Node row(ResultSet rs) throws SQLException {
        return new Node(WgKey.parseBase64(rs.getString(1)), rs.getString(2), EndpointsColumn.read(rs.getString(3)),
                NodeState.fromWord(rs.getString(4)), Instant.ofEpochSecond(rs.getLong(5)), Instant.ofEpochSecond(rs.getLong(6)),
                rs.getLong(7));
    }
}
