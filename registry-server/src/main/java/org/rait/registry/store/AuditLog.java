package org.rait.registry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** How many entries each action has, by actor kind ("node", "admin", "local"): persistent counters for /metrics. */
    public Map<List<String>, Long> countsByActorKindAndAction() throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT actor, action, count(*) FROM audit_log GROUP BY actor, action");
             ResultSet rs = st.executeQuery()) {
            Map<List<String>, Long> counts = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
            while (rs.next()) {
                String actor = rs.getString(1);
                String kind = actor.contains(":") ? actor.substring(0, actor.indexOf(':')) : actor;
                counts.merge(List.of(kind, rs.getString(2)), rs.getLong(3), Long::sum);
            }
            return counts;
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
