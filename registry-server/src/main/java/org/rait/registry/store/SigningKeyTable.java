package org.rait.registry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The minisign keys that have signed this database's snapshots, in the order they were taken into use
 * (rank 1 first). The newest is the only one that may sign; registries sharing the database check it.
 */
public final class SigningKeyTable {
    /** One key: minisign's key id (hex, as minisign prints it), its rank and when it was first used. */
    public record KnownKey(String keyId, int rank, Instant firstUsedAt) {
    }

    private final Connection connection;

    SigningKeyTable(Connection connection) {
        this.connection = connection;
    }

    /** Every key, oldest first. */
    public List<KnownKey> list() throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT key_id, seq_no, first_used_at FROM signing_keys ORDER BY seq_no");
             ResultSet rs = st.executeQuery()) {
            List<KnownKey> keys = new ArrayList<>();
            while (rs.next()) keys.add(new KnownKey(rs.getString(1), rs.getInt(2), Instant.ofEpochSecond(rs.getLong(3))));
            return keys;
        }
    }

    /**
     * Takes this key into use as the newest; false when another writer took a key into use at the same
     * moment (the rank is unique) or this key is known already.
     */
    public boolean add(String keyId, Instant at) throws SQLException {
        int rank;
        try (PreparedStatement st = connection.prepareStatement("SELECT MAX(seq_no) FROM signing_keys");
             ResultSet rs = st.executeQuery()) {
            rank = (rs.next() ? rs.getInt(1) : 0) + 1;
        }
        try (PreparedStatement st = connection.prepareStatement(
                "INSERT INTO signing_keys (key_id, seq_no, first_used_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            st.setString(1, keyId);
            st.setInt(2, rank);
            st.setLong(3, at.getEpochSecond());
            return st.executeUpdate() == 1;
        }
    }
}
