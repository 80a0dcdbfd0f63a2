package org.rait.registry.store;

import org.rait.keys.WgKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The node_reports table: one row per node, replaced by each newer report. */
public final class ReportTable {
    private static final String COLUMNS = "public_key, received_at, request_timestamp, body";
    private final Connection connection;

    ReportTable(Connection connection) {
        this.connection = connection;
    }

    public Optional<StoredReport> find(WgKey node) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT " + COLUMNS + " FROM node_reports WHERE public_key = ?")) {
            st.setString(1, node.base64());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    public List<StoredReport> list() throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT " + COLUMNS + " FROM node_reports ORDER BY public_key");
             ResultSet rs = st.executeQuery()) {
            List<StoredReport> reports = new ArrayList<>();
            while (rs.next()) reports.add(row(rs));
            return reports;
        }
    }

    /**
     * Keeps this report as the node's latest unless the stored one has the same or a newer request
     * timestamp (a replay): false then. Check and replacement are one statement, so two registries taking
     * the same captured report at once store it at most once, whatever the isolation level.
     */
    public boolean putIfNewer(StoredReport report) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("INSERT INTO node_reports (" + COLUMNS + ") VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (public_key) DO UPDATE SET received_at = excluded.received_at, "
                + "request_timestamp = excluded.request_timestamp, body = excluded.body "
                + "WHERE node_reports.request_timestamp < excluded.request_timestamp")) {
            st.setString(1, report.node().base64());
            st.setLong(2, report.receivedAt().getEpochSecond());
            st.setLong(3, report.requestTimestamp());
            st.setString(4, report.body());
            return st.executeUpdate() == 1;
        }
    }

    public void delete(WgKey node) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("DELETE FROM node_reports WHERE public_key = ?")) {
            st.setString(1, node.base64());
            st.executeUpdate();
        }
    }

    private static StoredReport row(ResultSet rs) throws SQLException {
        return new StoredReport(WgKey.parseBase64(rs.getString(1)), Instant.ofEpochSecond(rs.getLong(2)), rs.getLong(3), rs.getString(4));
    }
}
