package org.rait.registry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Published snapshots. The newest few are kept; serials are handed out by {@link #allocateSerial}. */
public final class SnapshotTable {
    private static final int KEEP = 50;
    private final Connection connection;

    SnapshotTable(Connection connection) {
        this.connection = connection;
    }

    public Optional<StoredSnapshot> latest() throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT serial, created_at, expires_at, block_body, "
                + "block_signature, toml_body, toml_signature FROM snapshots ORDER BY serial DESC LIMIT 1");
             ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new StoredSnapshot(rs.getLong(1), Instant.ofEpochSecond(rs.getLong(2)),
                    Instant.ofEpochSecond(rs.getLong(3)), rs.getBytes(4), rs.getString(5), rs.getBytes(6), rs.getString(7)));
        }
    }

    /**
     * Hands out the next serial for a draft: one more than any handed out before, on whichever registry.
     * The row stays locked (PostgreSQL) or the database written (SQLite) until the transaction ends, so
     * drafts get their serials in the order they read the nodes.
     */
    public long allocateSerial() throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("UPDATE snapshot_serials SET last_serial = last_serial + 1")) {
            if (st.executeUpdate() != 1) throw new SQLException("snapshot_serials does not hold exactly one row");
        }
        try (PreparedStatement st = connection.prepareStatement("SELECT last_serial FROM snapshot_serials");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Only the newest serial: cheap enough to ask every second. */
    public Optional<Long> latestSerial() throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT MAX(serial) FROM snapshots");
             ResultSet rs = st.executeQuery()) {
            long serial = rs.next() ? rs.getLong(1) : 0;
            return rs.wasNull() || serial == 0 ? Optional.empty() : Optional.of(serial);
        }
    }

    /**
     * Stores this snapshot unless its serial is taken (false then). Allocated serials are never taken;
     * the primary key still makes sure two writers can never both store one serial.
     */
    public boolean insertIfFree(StoredSnapshot snapshot) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("INSERT INTO snapshots (serial, created_at, expires_at, "
                + "block_body, block_signature, toml_body, toml_signature) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (serial) DO NOTHING")) {
            st.setLong(1, snapshot.serial());
            st.setLong(2, snapshot.createdAt().getEpochSecond());
            st.setLong(3, snapshot.expiresAt().getEpochSecond());
            st.setBytes(4, snapshot.blockBody());
            st.setString(5, snapshot.blockSignature());
            st.setBytes(6, snapshot.tomlBody());
            st.setString(7, snapshot.tomlSignature());
            if (st.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement st = connection.prepareStatement("DELETE FROM snapshots WHERE serial <= ?")) {
            st.setLong(1, snapshot.serial() - KEEP);
            st.executeUpdate();
        }
        return true;
    }
}
