package org.rait.registry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Append-only record of every change, written in the same transaction as the change. */
public final class AuditLog {
    private final Connection connection;

    AuditLog(Connection connection) {
        this.connection = connection;
    }

    public void record(Instant at, String actor, String action, String subject, String detail) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)")) {
            st.setLong(1, at.getEpochSecond());
            st.setString(2, actor);
            st.setString(3, action);
            st.setString(4, subject);
            st.setString(5, detail);
            st.executeUpdate();
        }
    }

    /** The newest entries first. */
    public List<AuditEntry> latest(int limit) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT id, at, actor, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?")) {
            st.setInt(1, limit);
            try (ResultSet rs = st.executeQuery()) {
                List<AuditEntry> entries = new ArrayList<>();
                while (rs.next()) {
                    entries.add(new AuditEntry(rs.getLong(1), Instant.ofEpochSecond(rs.getLong(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6)));
                }
                return entries;
            }
        }
    }
}
