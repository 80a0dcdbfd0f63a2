package org.rait.registry.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as numbered steps, one list for every database: a type spelled differently is written as
 * {@code {word}} and {@link Dialect#render} spells it. Columns that lists are sorted by are {@code {byte_order}}:
 * peers.conf lists nodes in the byte order of their base64 keys on every database, whatever its locale. A database records the steps it has in
 * schema_version; opening it runs the missing ones, each in its own transaction under the writers' lock
 * (two registries starting on one database at once run each step once). Steps are only ever appended.
 */
final class Migrations {
    private static final List<Step> STEPS = List.of(
            Step.of("""
                    CREATE TABLE nodes (
                      public_key TEXT{byte_order} PRIMARY KEY,
                      name TEXT NOT NULL,
                      endpoints TEXT NOT NULL,
                      state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'revoked')),
                      created_at {int64} NOT NULL,
                      updated_at {int64} NOT NULL,
                      last_request_timestamp {int64} NOT NULL
                    )""",
                    "CREATE INDEX nodes_state ON nodes (state)",
                    """
                    CREATE TABLE enrollment_tokens (
                      id {id},
                      token_hash {bytes} NOT NULL UNIQUE,
                      uses_left INTEGER NOT NULL CHECK (uses_left >= 0),
                      expires_at {int64} NOT NULL,
                      created_at {int64} NOT NULL,
                      created_by TEXT NOT NULL,
                      note TEXT NOT NULL
                    )""",
                    """
                    CREATE TABLE admin_tokens (
                      id {id},
                      name TEXT NOT NULL UNIQUE,
                      token_hash {bytes} NOT NULL UNIQUE,
                      created_at {int64} NOT NULL
                    )""",
                    """
                    CREATE TABLE audit_log (
                      id {increasing_id},
                      at {int64} NOT NULL,
                      actor TEXT NOT NULL,
                      action TEXT NOT NULL,
                      subject TEXT NOT NULL,
                      detail TEXT NOT NULL
                    )""",
                    """
                    CREATE TABLE snapshots (
                      serial {int64} PRIMARY KEY,
                      created_at {int64} NOT NULL,
                      expires_at {int64} NOT NULL,
                      block_body {bytes} NOT NULL,
                      block_signature TEXT NOT NULL,
                      toml_body {bytes} NOT NULL,
                      toml_signature TEXT NOT NULL
                    )"""),
            // Admin tokens can be listed (who made them, when last used) and revoked; a revoked row stays for the record.
            Step.of("ALTER TABLE admin_tokens ADD COLUMN created_by TEXT NOT NULL DEFAULT ''",
                    "ALTER TABLE admin_tokens ADD COLUMN last_used_at {int64}",
                    "ALTER TABLE admin_tokens ADD COLUMN revoked_at {int64}",
                    "ALTER TABLE admin_tokens ADD COLUMN revoked_by TEXT"),
            // health: the latest report of each node (its JSON as the node sent it) and when it came
            Step.of("""
                    CREATE TABLE node_reports (
                      public_key TEXT{byte_order} PRIMARY KEY,
                      received_at {int64} NOT NULL,
                      request_timestamp {int64} NOT NULL,
                      body TEXT NOT NULL
                    )"""),
            // several registries on one database: the signing keys in the order they were taken into use;
            // only the newest may sign (a registry with a retired or a stray key refuses to publish)
            Step.of("""
                    CREATE TABLE signing_keys (
                      key_id TEXT PRIMARY KEY,
                      seq_no INTEGER NOT NULL UNIQUE,
                      first_used_at {int64} NOT NULL
                    )""",
                    // the last serial handed to a draft: taken in the transaction that reads the draft's nodes, so
                    // serial order is read order on every database (a higher serial holds every change a lower one held)
                    "CREATE TABLE snapshot_serials (last_serial {int64} NOT NULL)",
                    "INSERT INTO snapshot_serials (last_serial) SELECT COALESCE(MAX(serial), 0) FROM snapshots"),
            // the send_port claim check looks up (family, port) instead of reading every approved row
            new Step(List.of("""
                    CREATE TABLE send_port_claims (
                      address_family TEXT NOT NULL,
                      send_port INTEGER NOT NULL,
                      public_key TEXT{byte_order} NOT NULL REFERENCES nodes (public_key),
                      PRIMARY KEY (address_family, send_port, public_key)
                    )""",
                    "CREATE INDEX send_port_claims_node ON send_port_claims (public_key)"),
                    SendPortClaimTable::fillFromApprovedNodes));

    /** One schema version: its statements, then the rows it derives from those already there. */
    private record Step(List<String> statements, Fill fill) {
        static Step of(String... statements) {
            return new Step(List.of(statements), connection -> { });
        }
    }

    @FunctionalInterface
    private interface Fill {
        void run(Connection connection) throws SQLException;
    }

    private Migrations() {
    }

    static void apply(Connection connection, Dialect dialect) throws SQLException {
        apply(connection, dialect, STEPS.size());
    }

    /** Up to {@code target} only: the schema an older registry made, for the tests that migrate one. */
    static void apply(Connection connection, Dialect dialect, int target) throws SQLException {
        inTransaction(connection, dialect, st -> {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            return true;
        });
        boolean more = true;
        while (more) {
            more = inTransaction(connection, dialect, st -> {
                int current = current(st);
                if (current > STEPS.size()) {
                    throw new SQLException("the database has schema version " + current + ", newer than this registry knows ("
                            + STEPS.size() + "); run a newer rait-registry");
                }
                if (current >= target) {
                    return false;
                }
                int version = current + 1;
                try {
                    Step step = STEPS.get(version - 1);
                    for (String sql : step.statements()) {
                        st.execute(dialect.render(sql));
                    }
                    step.fill().run(connection);
                } catch (SQLException e) {
                    throw new SQLException("schema migration to version " + version + " failed: " + e.getMessage(), e);
                }
                st.execute("DELETE FROM schema_version");
                st.execute("INSERT INTO schema_version (version) VALUES (" + version + ")");
                return true;
            });
        }
    }

    private interface Work {
        boolean run(Statement st) throws SQLException;
    }

    /** One transaction that holds the writers' lock; {@code work} says whether there is more to do. */
    private static boolean inTransaction(Connection connection, Dialect dialect, Work work) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            if (!dialect.writerLock().isEmpty()) {
                st.execute(dialect.writerLock());
            }
            boolean more = work.run(st);
            connection.commit();
            return more;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static int current(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT max(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
