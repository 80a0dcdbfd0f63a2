package org.rait.registry.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as numbered steps. A database records the steps it has in schema_version; opening it
 * runs the missing ones, each in its own transaction. Steps are only ever appended.
 */
final class Migrations {
    private static final List<List<String>> STEPS = List.of(
            List.of("""
                    CREATE TABLE nodes (
                      public_key TEXT PRIMARY KEY,
                      name TEXT NOT NULL,
                      endpoints TEXT NOT NULL,
                      state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'revoked')),
                      created_at INTEGER NOT NULL,
                      updated_at INTEGER NOT NULL,
                      last_request_timestamp INTEGER NOT NULL
                    )""",
                    "CREATE INDEX nodes_state ON nodes (state)",
                    """
                    CREATE TABLE enrollment_tokens (
                      id INTEGER PRIMARY KEY,
                      token_hash BLOB NOT NULL UNIQUE,
                      uses_left INTEGER NOT NULL CHECK (uses_left >= 0),
                      expires_at INTEGER NOT NULL,
                      created_at INTEGER NOT NULL,
                      created_by TEXT NOT NULL,
                      note TEXT NOT NULL
                    )""",
                    """
                    CREATE TABLE admin_tokens (
                      id INTEGER PRIMARY KEY,
                      name TEXT NOT NULL UNIQUE,
                      token_hash BLOB NOT NULL UNIQUE,
                      created_at INTEGER NOT NULL
                    )""",
                    """
                    CREATE TABLE audit_log (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      at INTEGER NOT NULL,
                      actor TEXT NOT NULL,
                      action TEXT NOT NULL,
                      subject TEXT NOT NULL,
                      detail TEXT NOT NULL
                    )""",
                    """
                    CREATE TABLE snapshots (
                      serial INTEGER PRIMARY KEY,
                      created_at INTEGER NOT NULL,
                      expires_at INTEGER NOT NULL,
                      block_body BLOB NOT NULL,
                      block_signature TEXT NOT NULL,
                      toml_body BLOB NOT NULL,
                      toml_signature TEXT NOT NULL
                    )"""),
            // Admin tokens can be listed (who made them, when last used) and revoked; a revoked row stays for the record.
            List.of("ALTER TABLE admin_tokens ADD COLUMN created_by TEXT NOT NULL DEFAULT ''",
                    "ALTER TABLE admin_tokens ADD COLUMN last_used_at INTEGER",
                    "ALTER TABLE admin_tokens ADD COLUMN revoked_at INTEGER",
                    "ALTER TABLE admin_tokens ADD COLUMN revoked_by TEXT"),
            // health: the latest report of each node (its JSON as the node sent it) and when it came
            List.of("""
                    CREATE TABLE node_reports (
                      public_key TEXT PRIMARY KEY,
                      received_at INTEGER NOT NULL,
                      request_timestamp INTEGER NOT NULL,
                      body TEXT NOT NULL
                    )"""),
            // several registries on one database: the signing keys in the order they were taken into use;
            // only the newest may sign (a registry with a retired or a stray key refuses to publish)
            List.of("""
                    CREATE TABLE signing_keys (
                      key_id TEXT PRIMARY KEY,
                      seq_no INTEGER NOT NULL UNIQUE,
                      first_used_at INTEGER NOT NULL
                    )"""));

    private Migrations() {
    }

    static int latest() {
        return STEPS.size();
    }

    static void apply(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        }
        int current = current(connection);
        if (current > STEPS.size()) {
            throw new SQLException("the database has schema version " + current + ", newer than this registry knows ("
                    + STEPS.size() + "); run a newer rait-registry");
        }
        for (int version = current + 1; version <= STEPS.size(); version++) {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                for (String sql : STEPS.get(version - 1)) {
                    st.execute(sql);
                }
                st.execute("DELETE FROM schema_version");
                st.execute("INSERT INTO schema_version (version) VALUES (" + version + ")");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw new SQLException("schema migration to version " + version + " failed: " + e.getMessage(), e);
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    static int current(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT max(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
