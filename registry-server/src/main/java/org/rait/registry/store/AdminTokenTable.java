package org.rait.registry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Admin bearer tokens, stored as SHA-256 hashes under a name that the audit log shows. */
public final class AdminTokenTable {
    /** A stored admin token that is not revoked: its name and hash. */
    public record StoredAdminToken(String name, byte[] hash) {
    }

    private final Connection connection;

    AdminTokenTable(Connection connection) {
        this.connection = connection;
    }

    public void insert(String name, byte[] tokenHash, Instant createdAt, String createdBy) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "INSERT INTO admin_tokens (name, token_hash, created_at, created_by) VALUES (?, ?, ?, ?)")) {
            st.setString(1, name);
            st.setBytes(2, tokenHash);
            st.setLong(3, createdAt.getEpochSecond());
            st.setString(4, createdBy);
            st.executeUpdate();
        }
    }

    public boolean nameExists(String name) throws SQLException {
        return find(name).isPresent();
    }

    /** The tokens that authenticate: every one not revoked. */
    public List<StoredAdminToken> active() throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT name, token_hash FROM admin_tokens WHERE revoked_at IS NULL ORDER BY id");
             ResultSet rs = st.executeQuery()) {
            List<StoredAdminToken> tokens = new ArrayList<>();
            while (rs.next()) {
                tokens.add(new StoredAdminToken(rs.getString(1), rs.getBytes(2)));
            }
            return tokens;
        }
    }

    /** Every token, revoked ones included, oldest first; never a hash. */
    public List<AdminToken> list() throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT name, created_at, created_by, last_used_at, revoked_at, revoked_by FROM admin_tokens ORDER BY id");
             ResultSet rs = st.executeQuery()) {
            List<AdminToken> tokens = new ArrayList<>();
            while (rs.next()) {
                tokens.add(row(rs));
            }
            return tokens;
        }
    }

    public Optional<AdminToken> find(String name) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT name, created_at, created_by, last_used_at, revoked_at, revoked_by FROM admin_tokens WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** Records a use; written at most once per second per token, so a busy admin does not mean a write per call. */
    public void markUsed(String name, Instant at) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "UPDATE admin_tokens SET last_used_at = ? WHERE name = ? AND (last_used_at IS NULL OR last_used_at < ?)")) {
            st.setLong(1, at.getEpochSecond());
            st.setString(2, name);
            st.setLong(3, at.getEpochSecond());
            st.executeUpdate();
        }
    }

    /** @return false when no token of that name is active */
    public boolean revoke(String name, Instant at, String by) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "UPDATE admin_tokens SET revoked_at = ?, revoked_by = ? WHERE name = ? AND revoked_at IS NULL")) {
            st.setLong(1, at.getEpochSecond());
            st.setString(2, by);
            st.setString(3, name);
            return st.executeUpdate() == 1;
        }
    }

    private static AdminToken row(ResultSet rs) throws SQLException {
        return new AdminToken(rs.getString(1), Instant.ofEpochSecond(rs.getLong(2)), rs.getString(3), instant(rs, 4),
                instant(rs, 5), Optional.ofNullable(rs.getString(6)));
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(value));
    }
}
