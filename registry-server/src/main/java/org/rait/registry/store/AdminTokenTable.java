package org.rait.registry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Admin bearer tokens, stored as SHA-256 hashes under a name that the audit log shows. */
public final class AdminTokenTable {
    /** A stored admin token: its name and hash. */
    public record StoredAdminToken(String name, byte[] hash) {
    }

    private final Connection connection;

    AdminTokenTable(Connection connection) {
        this.connection = connection;
    }

    public void insert(String name, byte[] tokenHash, Instant createdAt) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "INSERT INTO admin_tokens (name, token_hash, created_at) VALUES (?, ?, ?)")) {
            st.setString(1, name);
            st.setBytes(2, tokenHash);
            st.setLong(3, createdAt.getEpochSecond());
            st.executeUpdate();
        }
    }

    public boolean nameExists(String name) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT 1 FROM admin_tokens WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    public List<StoredAdminToken> all() throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT name, token_hash FROM admin_tokens ORDER BY id");
             ResultSet rs = st.executeQuery()) {
            List<StoredAdminToken> tokens = new ArrayList<>();
            while (rs.next()) {
                tokens.add(new StoredAdminToken(rs.getString(1), rs.getBytes(2)));
            }
            return tokens;
        }
    }
}
