package org.rait.registry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Enrollment tokens, looked up by the SHA-256 of the token (tokens are random, so a fast hash is enough). */
public final class EnrollmentTokenTable {
    private final Connection connection;

    EnrollmentTokenTable(Connection connection) {
        this.connection = connection;
    }

    public long insert(byte[] tokenHash, int uses, Instant expiresAt, Instant createdAt, String createdBy, String note)
            throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("INSERT INTO enrollment_tokens "
                + "(token_hash, uses_left, expires_at, created_at, created_by, note) VALUES (?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            st.setBytes(1, tokenHash);
            st.setInt(2, uses);
            st.setLong(3, expiresAt.getEpochSecond());
            st.setLong(4, createdAt.getEpochSecond());
            st.setString(5, createdBy);
            st.setString(6, note);
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Uses the token once if it exists, has uses left and has not expired; says whether it did. */
    public Optional<EnrollmentToken> consume(byte[] tokenHash, Instant now) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("UPDATE enrollment_tokens SET uses_left = uses_left - 1 "
                + "WHERE token_hash = ? AND uses_left > 0 AND expires_at > ?")) {
            st.setBytes(1, tokenHash);
            st.setLong(2, now.getEpochSecond());
            if (st.executeUpdate() != 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement st = connection.prepareStatement("SELECT id, uses_left, expires_at, created_at, created_by, note "
                + "FROM enrollment_tokens WHERE token_hash = ?")) {
            st.setBytes(1, tokenHash);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return Optional.of(row(rs));
            }
        }
    }

    public List<EnrollmentToken> list() throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT id, uses_left, expires_at, created_at, created_by, note "
                + "FROM enrollment_tokens ORDER BY id");
             ResultSet rs = st.executeQuery()) {
            List<EnrollmentToken> tokens = new ArrayList<>();
            while (rs.next()) {
                tokens.add(row(rs));
            }
            return tokens;
        }
    }

    private static EnrollmentToken row(ResultSet rs) throws SQLException {
        return new EnrollmentToken(rs.getLong(1), rs.getInt(2), Instant.ofEpochSecond(rs.getLong(3)),
                Instant.ofEpochSecond(rs.getLong(4)), rs.getString(5), rs.getString(6));
    }

    /** @return whether there was such a token */
    public boolean delete(long id) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("DELETE FROM enrollment_tokens WHERE id = ?")) {
            st.setLong(1, id);
            return st.executeUpdate() == 1;
        }
    }
}
